// Estimate calibration across all clients: a weekly job collects, per template, the hours logged
// on finished tasks made from it; the admin page reads the stored snapshot.
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { calibrate } from '../domain/calibration';
import type { ServiceType } from '../domain/model';
import type { TemplateCalibrationRow } from '../shared/api';
import { getTyped } from '../platform/kv';
import { templatesRepo } from '../storage/templates.repo';

const SNAPSHOT_KEY = 'calibration:snapshot';
const Sample = z.object({ templateId: z.string(), estimateHours: z.number(), loggedHours: z.number(), done: z.boolean() });
const Snapshot = z.object({ computedAt: z.string(), samples: z.array(Sample) });
export type CalibrationSample = z.infer<typeof Sample>;

export interface DoneTaskSource {
  /** Finished Retainer tasks resolved in the last `days` days, with their template and hours. */
  doneTasks(days: number): AsyncIterable<CalibrationSample>;
}

export async function refreshCalibration(source: DoneTaskSource, now: Date): Promise<number> {
  const samples: CalibrationSample[] = [];
  for await (const s of source.doneTasks(180)) samples.push(s);
  // Keep the stored document small: per template, at most the 200 latest samples.
  const perTemplate = new Map<string, CalibrationSample[]>();
  for (const s of samples) perTemplate.set(s.templateId, [...(perTemplate.get(s.templateId) ?? []), s].slice(-200));
  await kvs.set(SNAPSHOT_KEY, { computedAt: now.toISOString(), samples: [...perTemplate.values()].flat() });
  return samples.length;
}

export async function calibrationAge(now: Date): Promise<number | null> {
  const snap = await getTyped(SNAPSHOT_KEY, Snapshot);
  return snap ? now.getTime() - new Date(snap.computedAt).getTime() : null;
}

export async function calibrationRows(type?: ServiceType): Promise<TemplateCalibrationRow[]> {
  const [snap, templates] = await Promise.all([getTyped(SNAPSHOT_KEY, Snapshot), templatesRepo.all()]);
  const wanted = templates.filter((t) => !type || t.serviceType === type);
  const stats = calibrate(snap?.samples ?? [], wanted.map((t) => ({ templateId: t.id, estimateHours: t.estimateHours })));
  return wanted.map((t) => {
    const s = stats.get(t.id);
    return {
      templateId: t.id,
      serviceType: t.serviceType,
      title: t.title.en,
      estimateHours: t.estimateHours,
      samples: s?.samples ?? 0,
      averageLoggedHours: s?.averageLoggedHours ?? null,
      medianLoggedHours: s?.medianLoggedHours ?? null,
      suggestedEstimateHours: s?.suggestedEstimateHours ?? null,
    };
  });
}
