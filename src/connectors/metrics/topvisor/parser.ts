// Topvisor positions history → per-day project summary (average position, share in top 10) and,
// optionally, one row per keyword × region. `--` means "not found within the check depth" → null, never 0.
import { QuotaError, SourceError } from '../errors';
import type { SourceSession } from '../shared/session';
import { emptyRow, type DailyRow } from '../types';
import { TOP_N } from './constants';
import type { TopvisorHistory } from './schemas';

/** "7" → 7, "--" / "" / garbage → null. */
export function parsePosition(v: string | number | undefined): number | null {
  if (typeof v === 'number') return v > 0 ? v : null;
  if (!v || v === '--') return null;
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** Running per-day totals across pages of keywords. */
export class DayAccumulator {
  private days = new Map<string, { checks: number; found: number; posSum: number; top: number }>();
  private exists = new Set<string>();

  addExistsDates(dates: readonly string[]): void {
    for (const d of dates) this.exists.add(d);
  }

  add(date: string, position: number | null): void {
    const d = this.days.get(date) ?? { checks: 0, found: 0, posSum: 0, top: 0 };
    d.checks++;
    if (position !== null) {
      d.found++;
      d.posSum += position;
      if (position <= TOP_N) d.top++;
    }
    this.days.set(date, d);
  }

  /** One `account` row per checked date (only dates in existsDates have checks). */
  rows(projectId: string, today: string | null): DailyRow[] {
    return [...this.exists].sort().map((date) => {
      const d = this.days.get(date);
      const row = emptyRow('topvisor', projectId, date, { kind: 'account', id: projectId, name: projectId });
      if (d && d.checks > 0) {
        row.avgPosition = d.found > 0 ? d.posSum / d.found : null;
        row.top10Share = d.top / d.checks;
      }
      if (today !== null && date >= today) row.flags = { partial: true };
      return row;
    });
  }
}

/** Walks `positionsData` (keys "<date>:<project_id>:<region_index>") into the accumulator and keyword rows. */
export function readHistory(h: TopvisorHistory, projectId: string, acc: DayAccumulator, keywordRows: boolean, today: string | null): DailyRow[] {
  acc.addExistsDates(h.existsDates ?? []);
  const exists = new Set(h.existsDates ?? []);
  const out: DailyRow[] = [];
  for (const kw of h.keywords ?? []) {
    for (const [key, cell] of Object.entries(kw.positionsData ?? {})) {
      const [date, , region] = key.split(':');
      if (!date || !exists.has(date)) continue;
      const position = parsePosition(cell.position);
      acc.add(date, position);
      if (keywordRows) {
        const id = `${kw.id}:${region ?? ''}`;
        const row = emptyRow('topvisor', projectId, date, { kind: 'keyword', id, name: `${kw.name ?? kw.id} [${region ?? ''}]` });
        row.avgPosition = position;
        row.top10Share = position !== null && position <= TOP_N ? 1 : 0;
        if (today !== null && date >= today) row.flags = { partial: true };
        out.push(row);
      }
    }
  }
  return out;
}

/** Errors arrive inside HTTP 200 bodies. */
export function topvisorError(s: SourceSession, status: number, errors: ReadonlyArray<{ code: number; string?: string; detail?: string }>): Error {
  const e = errors[0];
  const code = e?.code ?? status;
  const message = s.scrub([e?.string, e?.detail].filter(Boolean).join(': ') || `HTTP ${status}`);
  if (code === 53) return s.authError('invalid', message);
  if (code === 429) return new QuotaError('topvisor', 2_000, 'short-term', '429');
  const transient = code === 503 || code === 10001 || status >= 500;
  return new SourceError('topvisor', status, String(code), message, transient);
}
