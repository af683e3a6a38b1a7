// Pure mapping of Webmaster v4 answers to DailyRows and site problems. No I/O.
import { emptyRow, type DailyRow } from '../types';
import { WM_SEVERITIES, type WmDiagnostics, type WmPoint, type WmSeverity } from './schemas';

const DATE_HEAD = /^(\d{4}-\d{2}-\d{2})(?:$|T)/;

/**
 * The calendar day of a Webmaster datetime. The API writes Moscow-offset datetimes in two spellings
 * (`2016-01-01T00:00:00,000+0300` in most pages, `2019-07-18T00:00:00.000+03:00` in the query
 * history); the date part is already the Moscow day, so it is read as written, never via `Date`.
 */
export function webmasterDay(value: string): string | null {
  return DATE_HEAD.exec(value)?.[1] ?? null;
}

/** A series as day → value (the last point of a day wins; null values are skipped). */
export function seriesByDay(points: readonly WmPoint[] | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of points ?? []) {
    const day = webmasterDay(p.date);
    if (day !== null && p.value !== null) out.set(day, p.value);
  }
  return out;
}

/**
 * SQI in force on each day: points are recalculation moments, so a day takes the latest point on or
 * before it. Days before the first known point get nothing.
 */
export function sqiByDay(points: readonly WmPoint[] | undefined, days: readonly string[]): Map<string, number> {
  const sorted = [...seriesByDay(points)].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out = new Map<string, number>();
  let i = 0;
  let current: number | undefined;
  for (const day of days) {
    while (i < sorted.length && (sorted[i]?.[0] ?? '') <= day) current = sorted[i++]?.[1];
    if (current !== undefined) out.set(day, current);
  }
  return out;
}

export interface SiteSeries {
  /** all/history indicators: TOTAL_SHOWS, TOTAL_CLICKS, AVG_SHOW_POSITION. */
  totals: Record<string, WmPoint[]>;
  /** search-urls/in-search/history. */
  inSearch: WmPoint[];
  /** search-urls/events/history indicators: APPEARED_IN_SEARCH, REMOVED_FROM_SEARCH. */
  events: Record<string, WmPoint[]>;
  /** sqi-history points (may start before the window). */
  sqi: WmPoint[];
}

const ratio = (clicks: number | null, impressions: number | null): number | null => (clicks !== null && impressions !== null && impressions > 0 ? clicks / impressions : null);

/** One `account` row per day of the window that has any value. */
export function mapSiteRows(hostId: string, hostName: string, days: readonly string[], s: SiteSeries): DailyRow[] {
  const shows = seriesByDay(s.totals.TOTAL_SHOWS);
  const clicks = seriesByDay(s.totals.TOTAL_CLICKS);
  const position = seriesByDay(s.totals.AVG_SHOW_POSITION);
  const inSearch = seriesByDay(s.inSearch);
  const removed = seriesByDay(s.events.REMOVED_FROM_SEARCH);
  const sqi = sqiByDay(s.sqi, days);
  const out: DailyRow[] = [];
  for (const day of days) {
    const row = emptyRow('yandex-webmaster', hostId, day, { kind: 'account', id: hostId, name: hostName });
    row.impressions = shows.get(day) ?? null;
    row.clicks = clicks.get(day) ?? null;
    row.ctr = ratio(row.clicks, row.impressions);
    // Position 0 means "not shown": Yandex reports it on days without impressions.
    const pos = position.get(day);
    row.avgPosition = pos !== undefined && pos > 0 ? pos : null;
    row.pagesInSearch = inSearch.get(day) ?? null;
    row.pagesExcluded = removed.get(day) ?? null;
    row.sqi = sqi.get(day) ?? null;
    // The SQI is carried forward, so it alone does not make a day known.
    const any = row.impressions !== null || row.clicks !== null || row.pagesInSearch !== null || row.pagesExcluded !== null;
    if (any) out.push(row);
  }
  return out;
}

/** A query's daily rows from its history indicators; days without shows are omitted. */
export function mapQueryRows(hostId: string, queryText: string, indicators: Record<string, WmPoint[]>, from: string, to: string): DailyRow[] {
  const shows = seriesByDay(indicators.TOTAL_SHOWS);
  const clicks = seriesByDay(indicators.TOTAL_CLICKS);
  const position = seriesByDay(indicators.AVG_SHOW_POSITION);
  const days = [...new Set([...shows.keys(), ...clicks.keys()])].filter((d) => d >= from && d <= to).sort();
  return days.flatMap((day) => {
    const impressions = shows.get(day) ?? null;
    if (impressions === null || impressions <= 0) return [];
    const row = emptyRow('yandex-webmaster', hostId, day, { kind: 'query', id: queryText, name: queryText });
    row.impressions = impressions;
    row.clicks = clicks.get(day) ?? 0;
    row.ctr = ratio(row.clicks, impressions);
    const pos = position.get(day);
    row.avgPosition = pos !== undefined && pos > 0 ? pos : null;
    return [row];
  });
}

export interface SiteProblem {
  /** Problem type as Yandex names it (`DNS_ERROR`, `NO_SITEMAPS`…): stable, used in keys. */
  type: string;
  severity: WmSeverity | 'UNKNOWN';
  /** PRESENT, ABSENT, UNDEFINED, NOT_APPLICABLE… as reported. */
  state: string;
  /** Moscow day of the last state change, when given. */
  since: string | null;
}

/** Every problem of a diagnostics answer, sorted by severity then type. */
export function mapDiagnostics(body: WmDiagnostics): SiteProblem[] {
  const rank = (s: string): number => {
    const i = (WM_SEVERITIES as readonly string[]).indexOf(s);
    return i === -1 ? WM_SEVERITIES.length : i;
  };
  return Object.entries(body.problems)
    .map(([type, p]) => ({
      type,
      severity: (WM_SEVERITIES as readonly string[]).includes(p.severity) ? (p.severity as WmSeverity) : ('UNKNOWN' as const),
      state: p.state,
      since: p.last_state_update ? webmasterDay(p.last_state_update) : null,
    }))
    .sort((a, b) => rank(a.severity) - rank(b.severity) || (a.type < b.type ? -1 : 1));
}

/** Problems Webmaster currently reports (state PRESENT). */
export const presentProblems = (problems: readonly SiteProblem[]): SiteProblem[] => problems.filter((p) => p.state === 'PRESENT');
