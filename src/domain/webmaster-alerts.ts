// Site-problem alert rules for Yandex Webmaster (pure: no I/O). Given what Webmaster reports now and
// the alerts already open, decides which alerts to open, keep and close. One alert per key at a time:
//   problem:<TYPE>  a FATAL or CRITICAL diagnostics problem in state PRESENT
//   pages-drop      pages in search fell sharply (≥ 20 % below the median of the previous 7 days)
//   sqi-drop        the site quality index fell by ≥ 10 % from its previous value
// A drop alert remembers the level it fell from and closes once the series is back above the line,
// so a long drop (whose own low days would become the new median) is not "resolved" by itself.

export const ALERT_SEVERITIES = ['FATAL', 'CRITICAL'] as const;
/** Pages in search at or below (1 − share) × baseline is a sharp drop. */
export const PAGES_DROP_SHARE = 0.2;
/** Baseline = median of up to this many days before the day checked… */
export const PAGES_BASELINE_DAYS = 7;
/** …and at least this many of them must be known. */
export const PAGES_MIN_BASELINE_DAYS = 3;
export const SQI_DROP_SHARE = 0.1;

export interface DayValue {
  date: string;
  value: number;
}

export interface ReportedProblem {
  type: string;
  severity: string;
  state: string;
  since: string | null;
}

export interface DropEpisode {
  /** First day at or below the line. */
  since: string;
  /** The level it fell from. */
  baseline: number;
  /** The latest value. */
  latest: number;
  latestDate: string;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export const belowLine = (value: number, baseline: number, share: number): boolean => baseline > 0 && value <= baseline * (1 - share);

export interface DropRule {
  share: number;
  /** How many earlier values the baseline looks at (median), and how many it needs. */
  window: number;
  minWindow: number;
}

export const PAGES_RULE: DropRule = { share: PAGES_DROP_SHARE, window: PAGES_BASELINE_DAYS, minWindow: PAGES_MIN_BASELINE_DAYS };
/** SQI changes in steps at recalculations: compare each point with the one before. */
export const SQI_RULE: DropRule = { share: SQI_DROP_SHARE, window: 1, minWindow: 1 };

/**
 * The drop still going on at the end of the series, or null. Walks the series in date order: a value
 * at or below (1 − share) × median(previous `window` values) starts an episode whose baseline is then
 * frozen; a value above the frozen line ends it.
 */
export function activeDrop(series: readonly DayValue[], rule: DropRule): DropEpisode | null {
  const s = [...series].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let episode: { since: string; baseline: number } | null = null;
  for (let i = 0; i < s.length; i++) {
    const p = s[i] as DayValue;
    if (episode) {
      if (!belowLine(p.value, episode.baseline, rule.share)) episode = null;
      continue;
    }
    const prior = s.slice(Math.max(0, i - rule.window), i).map((x) => x.value);
    if (prior.length < rule.minWindow) continue;
    const baseline = median(prior);
    if (baseline !== null && belowLine(p.value, baseline, rule.share)) episode = { since: p.date, baseline };
  }
  const last = s.at(-1);
  return episode && last ? { ...episode, latest: last.value, latestDate: last.date } : null;
}

export type AlertKind = 'problem' | 'pages-drop' | 'sqi-drop';

export interface OpenAlert {
  key: string;
  kind: AlertKind;
  /** Drop alerts: the level the series fell from. */
  baseline?: number;
}

export type AlertDetails =
  | { kind: 'problem'; problemType: string; severity: string; since: string | null }
  | { kind: 'pages-drop' | 'sqi-drop'; since: string; baseline: number; latest: number; latestDate: string };

export interface AlertToOpen {
  key: string;
  details: AlertDetails;
}

export interface AlertToClose {
  key: string;
  /** What Webmaster says now, for the closing comment. */
  reason: string;
}

export interface AlertPlan {
  open: AlertToOpen[];
  close: AlertToClose[];
  keep: string[];
}

export const problemKey = (type: string): string => `problem:${type}`;

const alerting = (p: ReportedProblem): boolean => p.state === 'PRESENT' && (ALERT_SEVERITIES as readonly string[]).includes(p.severity);

export interface HealthNow {
  problems: readonly ReportedProblem[];
  pagesInSearch: readonly DayValue[];
  sqi: readonly DayValue[];
}

/** What to do with the alerts of one site, given what Webmaster reports now. Deterministic. */
export function planWebmasterAlerts(now: HealthNow, open: readonly OpenAlert[]): AlertPlan {
  const plan: AlertPlan = { open: [], close: [], keep: [] };
  const openByKey = new Map(open.map((a) => [a.key, a]));

  // Problems: open while PRESENT; close when Webmaster reports it ABSENT or stops listing it. An
  // UNDEFINED state (the check did not run) is no news: the alert stays as it is.
  const byType = new Map(now.problems.map((p) => [p.type, p]));
  for (const p of now.problems) {
    if (alerting(p) && !openByKey.has(problemKey(p.type))) plan.open.push({ key: problemKey(p.type), details: { kind: 'problem', problemType: p.type, severity: p.severity, since: p.since } });
  }
  for (const a of open) {
    if (a.kind !== 'problem') continue;
    const type = a.key.slice('problem:'.length);
    const p = byType.get(type);
    if (p && (alerting(p) || p.state === 'UNDEFINED')) plan.keep.push(a.key);
    else plan.close.push({ key: a.key, reason: p ? `Webmaster now reports ${type} as ${p.state}.` : `Webmaster no longer lists ${type} among the site's problems.` });
  }

  // Drops: opened from the series; closed once the latest value is back above the remembered line.
  const drops: Array<{ kind: 'pages-drop' | 'sqi-drop'; series: readonly DayValue[]; rule: DropRule; what: string }> = [
    { kind: 'pages-drop', series: now.pagesInSearch, rule: PAGES_RULE, what: 'Pages in search' },
    { kind: 'sqi-drop', series: now.sqi, rule: SQI_RULE, what: 'The site quality index' },
  ];
  for (const d of drops) {
    const existing = openByKey.get(d.kind);
    const last = [...d.series].sort((a, b) => (a.date < b.date ? -1 : 1)).at(-1);
    if (existing) {
      const baseline = existing.baseline;
      if (last && baseline !== undefined && !belowLine(last.value, baseline, d.rule.share)) {
        plan.close.push({ key: d.kind, reason: `${d.what} recovered: ${last.value} on ${last.date} (the drop was from ${baseline}).` });
      } else plan.keep.push(d.kind);
      continue;
    }
    const episode = activeDrop(d.series, d.rule);
    if (episode) plan.open.push({ key: d.kind, details: { kind: d.kind, ...episode } });
  }
  return plan;
}
