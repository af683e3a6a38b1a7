// Estimate calibration: how long tasks made from each template really take, across all clients,
// and what the template's estimate should become.
//
// The rule:
// - A sample counts when its task is done and has hours logged (> 0). Open tasks, and done tasks
//   nobody logged time on, say nothing about the effort.
// - With fewer than MIN_SAMPLES (3) counted samples there is no suggestion (null).
// - Otherwise the suggestion is the median of logged hours (robust to the odd task someone logged a
//   whole week on), damped toward the current estimate while evidence is thin:
//       weight = min(1, samples / FULL_TRUST_SAMPLES)      FULL_TRUST_SAMPLES = 5
//       suggested = weight × median + (1 − weight) × current estimate
//   then rounded to the nearest 0.25 h and kept within 0.25–160 h (the template estimate limits).
//   Example: estimate 4 h, logged 6, 5, 7 → median 6, weight 3/5 → 0.6×6 + 0.4×4 = 5.2 → 5.25 h.
//   From 5 samples on, the suggestion is the median itself.

export const MIN_SAMPLES = 3;
export const FULL_TRUST_SAMPLES = 5;
const STEP = 0.25;
const MIN_ESTIMATE = 0.25;
const MAX_ESTIMATE = 160;

export interface CalibrationSample {
  templateId: string;
  /** The estimate the task was created with. */
  estimateHours: number;
  loggedHours: number;
  done: boolean;
}

export interface CalibrationStats {
  templateId: string;
  /** The template's estimate the suggestion is damped toward. */
  currentEstimateHours: number;
  /** Counted samples: done tasks with hours logged. */
  samples: number;
  /** All tasks seen for the template, done or not. */
  totalTasks: number;
  averageLoggedHours: number | null;
  medianLoggedHours: number | null;
  suggestedEstimateHours: number | null;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
export const roundToQuarter = (x: number): number => Math.round(x / STEP) * STEP;

/** Median of a list (mean of the two middle values for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const counts = (s: CalibrationSample): boolean => s.done && Number.isFinite(s.loggedHours) && s.loggedHours > 0;

/** The suggested estimate for a template, per the rule above; null with too few samples. */
export function suggestEstimate(currentEstimate: number, logged: readonly number[]): number | null {
  const m = median(logged);
  if (m === null || logged.length < MIN_SAMPLES) return null;
  const weight = Math.min(1, logged.length / FULL_TRUST_SAMPLES);
  const raw = weight * m + (1 - weight) * currentEstimate;
  return Math.min(MAX_ESTIMATE, Math.max(MIN_ESTIMATE, roundToQuarter(raw)));
}

/**
 * Per template: counted samples, average and median logged hours, suggested estimate. Templates
 * given in `templates` always appear (with zero samples if none); templates seen only in samples
 * appear too, damped toward the median estimate their tasks were created with.
 */
export function calibrate(
  samples: readonly CalibrationSample[],
  templates: readonly { templateId: string; estimateHours: number }[] = [],
): Map<string, CalibrationStats> {
  const byTemplate = new Map<string, CalibrationSample[]>();
  for (const t of templates) byTemplate.set(t.templateId, []);
  for (const s of samples) {
    const list = byTemplate.get(s.templateId);
    if (list) list.push(s);
    else byTemplate.set(s.templateId, [s]);
  }
  const current = new Map(templates.map((t) => [t.templateId, t.estimateHours]));
  const out = new Map<string, CalibrationStats>();
  for (const [templateId, list] of byTemplate) {
    const logged = list.filter(counts).map((s) => s.loggedHours);
    const estimate = current.get(templateId) ?? median(list.map((s) => s.estimateHours)) ?? 0;
    const m = median(logged);
    out.set(templateId, {
      templateId,
      currentEstimateHours: estimate,
      samples: logged.length,
      totalTasks: list.length,
      averageLoggedHours: logged.length === 0 ? null : round2(logged.reduce((a, b) => a + b, 0) / logged.length),
      medianLoggedHours: m === null ? null : round2(m),
      suggestedEstimateHours: suggestEstimate(estimate, logged),
    });
  }
  return out;
}
