// The date spine: sources omit days without activity, so account totals per day are built here.
import { emptyRow, type DailyRow, type MetricSource, type MissingDayMeaning } from '../types';
import { addMicros } from './numbers';
import { eachDate } from './dates';

export interface SpineOptions {
  source: MetricSource;
  accountId: string;
  from: string;
  to: string;
  /** `zero`: a missing day means no activity (ad/analytics APIs); `unknown`: leave metrics null. */
  missingDay: MissingDayMeaning;
  /** Currency/VAT to stamp on zero-filled ad days. */
  currency?: string | null;
  vatIncluded?: boolean | null;
}

const add = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : a + b);

/**
 * One `account` row per day from..to summing the given rows. Users are not additive across channels,
 * so `users` is kept only when a day has exactly one row. Positions are impression-weighted when
 * impressions exist, else a plain mean; CTR is recomputed from the sums.
 */
export function dailyTotals(rows: Iterable<DailyRow>, opts: SpineOptions): DailyRow[] {
  const byDate = new Map<string, DailyRow[]>();
  for (const r of rows) {
    if (r.date < opts.from || r.date > opts.to) continue;
    const list = byDate.get(r.date);
    if (list) list.push(r);
    else byDate.set(r.date, [r]);
  }
  const dim = { kind: 'account' as const, id: opts.accountId, name: opts.accountId };
  return eachDate(opts.from, opts.to).map((date) => {
    const day = byDate.get(date);
    const out = emptyRow(opts.source, opts.accountId, date, dim);
    if (!day || day.length === 0) {
      if (opts.missingDay === 'zero') {
        Object.assign(out, zeroMetrics(opts.source));
        out.currency = opts.currency ?? null;
        out.vatIncluded = opts.vatIncluded ?? null;
      }
      return out;
    }
    let posWeight = 0;
    let posWeighted = 0;
    let posPlain = 0;
    let posCount = 0;
    let allWeighted = true;
    let topSum = 0;
    let topCount = 0;
    for (const r of day) {
      out.impressions = add(out.impressions, r.impressions);
      out.clicks = add(out.clicks, r.clicks);
      out.costMicros = addMicros(out.costMicros, r.costMicros);
      out.conversions = add(out.conversions, r.conversions);
      out.sessions = add(out.sessions, r.sessions);
      out.organicSessions = add(out.organicSessions, r.organicSessions);
      out.currency = out.currency ?? r.currency;
      out.vatIncluded = out.vatIncluded ?? r.vatIncluded;
      if (r.avgPosition !== null) {
        const w = r.impressions ?? 0;
        if (w > 0) {
          posWeight += w;
          posWeighted += r.avgPosition * w;
        } else allWeighted = false;
        posPlain += r.avgPosition;
        posCount++;
      }
      if (r.top10Share !== null) {
        topSum += r.top10Share;
        topCount++;
      }
      if (r.flags?.sampled || r.flags?.partial || r.flags?.dataLoss) out.flags = { ...out.flags, ...r.flags };
    }
    out.users = day.length === 1 ? (day[0]?.users ?? null) : null;
    if (posCount > 0) out.avgPosition = allWeighted && posWeight > 0 ? posWeighted / posWeight : posPlain / posCount;
    if (topCount > 0) out.top10Share = topSum / topCount;
    if (out.impressions !== null && out.clicks !== null) out.ctr = out.impressions > 0 ? out.clicks / out.impressions : null;
    return out;
  });
}

function zeroMetrics(source: MetricSource): Partial<DailyRow> {
  switch (source) {
    case 'google-ads':
    case 'yandex-direct':
    case 'meta':
      return { impressions: 0, clicks: 0, costMicros: '0', conversions: 0 };
    case 'yandex-metrica':
    case 'ga4':
      return { sessions: 0, organicSessions: 0, users: 0, conversions: 0 };
    case 'search-console':
      return { impressions: 0, clicks: 0 };
    default:
      return {};
  }
}
