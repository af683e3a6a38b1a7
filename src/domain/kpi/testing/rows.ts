// Test helpers: compact builders of normalised daily rows.
import { type DailyRow, type DimensionKind, type MetricSource, emptyRow } from '../../../connectors/metrics/types';

export interface RowSpec extends Partial<Omit<DailyRow, 'source' | 'date' | 'dimension'>> {
  kind?: DimensionKind;
  dim?: string;
}

/** A row of `source` on `date` with only the given metrics set (all others null). */
export function row(source: MetricSource, date: string, spec: RowSpec = {}): DailyRow {
  const { kind = 'account', dim, accountId = 'acc-1', ...metrics } = spec;
  const out = emptyRow(source, accountId, date, { kind, id: dim ?? accountId, name: dim ?? accountId });
  return { ...out, ...metrics };
}

/** One row per day from..to (day numbers) of `month`, built by `make(day)`. */
export function days(month: string, from: number, to: number, make: (day: number, date: string) => DailyRow | DailyRow[]): DailyRow[] {
  const out: DailyRow[] = [];
  for (let d = from; d <= to; d += 1) {
    const date = `${month}-${String(d).padStart(2, '0')}`;
    const r = make(d, date);
    if (Array.isArray(r)) out.push(...r);
    else out.push(r);
  }
  return out;
}
