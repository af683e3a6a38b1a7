// Pure helpers of the project page: task-set progress, month lists, request ids, exact decimal maths
// for the invoice preview, and file downloads decoded from what the resolvers return.
import { addMonths } from '../../../domain/month-rules';
import type { TaskSetView } from '../../../shared/api';
import type { FileDownload } from '../../../shared/api-money';

export interface TaskProgress {
  total: number;
  done: number;
  inProgress: number;
  todo: number;
  estimateHours: number;
  loggedHours: number;
  /** Estimate of the tasks already done, and the hours logged on them. */
  doneEstimateHours: number;
  doneLoggedHours: number;
  /** done ÷ total, 0–1 (0 for an empty set). */
  doneShare: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function taskProgress(items: TaskSetView['items']): TaskProgress {
  let done = 0;
  let inProgress = 0;
  let estimate = 0;
  let logged = 0;
  let doneEstimate = 0;
  let doneLogged = 0;
  for (const i of items) {
    estimate += i.estimateHours;
    logged += i.loggedHours;
    if (i.status === 'done') {
      done += 1;
      doneEstimate += i.estimateHours;
      doneLogged += i.loggedHours;
    } else if (i.status === 'in-progress') inProgress += 1;
  }
  return {
    total: items.length,
    done,
    inProgress,
    todo: items.length - done - inProgress,
    estimateHours: round2(estimate),
    loggedHours: round2(logged),
    doneEstimateHours: round2(doneEstimate),
    doneLoggedHours: round2(doneLogged),
    doneShare: items.length === 0 ? 0 : done / items.length,
  };
}

/** The `n` months ending with `last`, oldest first. */
export function monthsEnding(last: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => addMonths(last, i - n + 1));
}

/** A fresh idempotency key for one press of a submit button (8–80 of [A-Za-z0-9_-]). */
export function newRequestId(random: () => string = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`)): string {
  return `ui-${random().replace(/[^A-Za-z0-9_-]/g, '')}`.slice(0, 80);
}

/** A non-negative decimal as people type it ("1500", "1500.5", "1 500,50" → "1500.50" style input accepted with a dot or comma). */
export function normaliseDecimal(text: string): string | null {
  const t = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  return /^\d{1,12}(\.\d{1,6})?$/.test(t) ? t : null;
}

/** Decimal string → integer in units of 10^-scale (exact; input must pass normaliseDecimal). */
function scaled(text: string, scale: number): bigint {
  const [int = '0', frac = ''] = text.split('.');
  return BigInt(int + frac.padEnd(scale, '0').slice(0, scale));
}

function divHalfUp(n: bigint, d: bigint): bigint {
  return (n * 2n + d) / (2n * d);
}

function toDecimal2(minor: bigint): string {
  const s = minor.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** Net, VAT and gross of one invoice line, rounded half-up to cents per line (a preview; the backend decides). */
export function lineTotals(quantity: string, unitPrice: string, vatPercent: string): { net: string; vat: string; gross: string } | null {
  const q = normaliseDecimal(quantity);
  const p = normaliseDecimal(unitPrice);
  const v = normaliseDecimal(vatPercent === '' ? '0' : vatPercent);
  if (!q || !p || !v) return null;
  // q and p at 6 decimals each → product at 12; to cents: ÷ 10^10.
  const net = divHalfUp(scaled(q, 6) * scaled(p, 6), 10n ** 10n);
  const vat = divHalfUp(net * scaled(v, 2), 10_000n);
  return { net: toDecimal2(net), vat: toDecimal2(vat), gross: toDecimal2(net + vat) };
}

/** Adds decimal strings with 2 places exactly. */
export function sumDecimals(values: readonly string[]): string {
  return toDecimal2(values.reduce((s, v) => s + scaled(v, 2), 0n));
}

/** The bytes of a FileDownload (base64 decoded, or UTF-8 text encoded). */
export function downloadBytes(file: FileDownload): Uint8Array {
  if (file.encoding === 'utf8') return new TextEncoder().encode(file.content);
  const bin = atob(file.content);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
  return out;
}

/** Saves a FileDownload through a temporary link (the iframe may download; it may not navigate). */
export function saveFile(file: FileDownload): void {
  const bytes = downloadBytes(file);
  const blob = new Blob([bytes.buffer as ArrayBuffer], { type: file.contentType });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Today as YYYY-MM-DD in an IANA zone (the agency's months are in its zone). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** YYYY-MM-DD plus n days. */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The last day of a month YYYY-MM. */
export function monthEnd(month: string): string {
  return addDays(`${addMonths(month, 1)}-01`, -1);
}
