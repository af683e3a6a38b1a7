// Every job kind the queue consumer knows, by feature.
import { coreJobs } from './core.jobs';
import { kpiJobs } from './kpi.jobs';
import { metricsJobs } from './metrics.jobs';
import { moneyJobs } from './money.jobs';
import { panelsJobs } from './panels.jobs';
import { reportsJobs } from './reports.jobs';
import { salesJobs } from './sales.jobs';
import type { JobDef } from './registry';

export const ALL_JOBS: JobDef[] = [...coreJobs, ...metricsJobs, ...moneyJobs, ...kpiJobs, ...reportsJobs, ...panelsJobs, ...salesJobs];

const byKind = new Map<string, JobDef>();
for (const j of ALL_JOBS) {
  if (byKind.has(j.kind)) throw new Error(`Job kind ${j.kind} is registered twice`);
  byKind.set(j.kind, j);
}

export function jobFor(kind: string): JobDef | undefined {
  return byKind.get(kind);
}
