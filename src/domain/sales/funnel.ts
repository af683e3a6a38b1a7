// Funnel statistics over leads: leads per month (in the agency's time zone), how many reached each
// stage and the conversion from the stage before, and the median time from lead to first invoice.
import { FUNNEL_ORDER, type LeadStage } from './stages';

export interface FunnelLead {
  createdAt: string;
  /** Every stage the lead has been in, with when it got there. */
  history: ReadonlyArray<{ stage: LeadStage; at: string }>;
  lostReason?: string | null;
  firstInvoiceAt?: string | null;
}

export interface FunnelStats {
  months: Array<{ month: string; leads: number; won: number; lost: number }>;
  stages: Array<{ stage: LeadStage; reached: number; conversionPercent: number | null }>;
  lostReasons: Array<{ reason: string; count: number }>;
  medianHoursToInvoice: number | null;
  total: number;
}

function monthOf(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(new Date(iso));
  const y = parts.find((p) => p.type === 'year')?.value ?? '0000';
  const m = parts.find((p) => p.type === 'month')?.value ?? '00';
  return `${y}-${m}`;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** A lead "reached" a stage when it was in it or in any later funnel stage (skipped stages count). */
function furthest(lead: FunnelLead): number {
  return Math.max(0, ...lead.history.map((h) => FUNNEL_ORDER.indexOf(h.stage)));
}

export function funnelStats(leads: readonly FunnelLead[], timeZone: string): FunnelStats {
  const months = new Map<string, { leads: number; won: number; lost: number }>();
  const reached = FUNNEL_ORDER.map(() => 0);
  const reasons = new Map<string, number>();
  const hours: number[] = [];
  for (const lead of leads) {
    const m = monthOf(lead.createdAt, timeZone);
    const row = months.get(m) ?? { leads: 0, won: 0, lost: 0 };
    row.leads++;
    const stages = new Set(lead.history.map((h) => h.stage));
    const current = lead.history.at(-1)?.stage;
    if (stages.has('won')) row.won++;
    if (current === 'lost') {
      row.lost++;
      const r = lead.lostReason ?? 'other';
      reasons.set(r, (reasons.get(r) ?? 0) + 1);
    }
    months.set(m, row);
    const f = furthest(lead);
    for (let i = 0; i <= f; i++) reached[i] = (reached[i] as number) + 1;
    if (lead.firstInvoiceAt) hours.push((Date.parse(lead.firstInvoiceAt) - Date.parse(lead.createdAt)) / 3_600_000);
  }
  const med = median(hours);
  return {
    months: [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, v]) => ({ month, ...v })),
    stages: FUNNEL_ORDER.map((stage, i) => {
      const prev = i === 0 ? null : (reached[i - 1] as number);
      return { stage, reached: reached[i] as number, conversionPercent: prev === null ? null : prev === 0 ? 0 : Math.round(((reached[i] as number) / prev) * 1000) / 10 };
    }),
    lostReasons: [...reasons.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([reason, count]) => ({ reason, count })),
    medianHoursToInvoice: med === null ? null : Math.round(med * 100) / 100,
    total: leads.length,
  };
}
