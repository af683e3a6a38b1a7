// Calendar-date helpers on 'YYYY-MM-DD' strings. Report dates are already in the account's zone, so
// arithmetic here is pure calendar arithmetic (UTC used only as a neutral calendar, never to convert).
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isIsoDate(value: string): boolean {
  const m = ISO_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function toUtcMs(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Days from `from` to `to` inclusive (1 for the same day; 0 when to < from). */
export function dayCount(from: string, to: string): number {
  return Math.max(0, Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS) + 1);
}

export function eachDate(from: string, to: string): string[] {
  const out: string[] = [];
  const n = dayCount(from, to);
  for (let i = 0; i < n; i++) out.push(addDays(from, i));
  return out;
}

/** Splits an inclusive range into consecutive windows of at most `maxDays`. */
export function splitRange(from: string, to: string, maxDays: number): Array<{ from: string; to: string }> {
  const out: Array<{ from: string; to: string }> = [];
  let start = from;
  while (dayCount(start, to) > 0) {
    const end = dayCount(start, to) > maxDays ? addDays(start, maxDays - 1) : to;
    out.push({ from: start, to: end });
    start = addDays(end, 1);
  }
  return out;
}

/** GA4 'YYYYMMDD' → 'YYYY-MM-DD'; null when malformed. */
export function compactToIso(value: string): string | null {
  if (!/^\d{8}$/.test(value)) return null;
  const iso = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  return isIsoDate(iso) ? iso : null;
}

/** Today's calendar date in an IANA zone (for "is this day still provisional?"). */
export function todayIn(timeZone: string, nowMs: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(nowMs));
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function assertRange(from: string, to: string): void {
  if (!isIsoDate(from) || !isIsoDate(to)) throw new RangeError(`dates must be YYYY-MM-DD: ${from}..${to}`);
  if (to < from) throw new RangeError(`empty range: ${from}..${to}`);
}
