// Explicit number parsing: sources send int64 as strings, money as decimal strings, `--` for none.
// Money stays integer micros (decimal strings via BigInt), never floats.

const INT_RE = /^-?\d+$/;
const DEC_RE = /^(-?)(\d*)(?:\.(\d*))?$/;

/** "1234" → "1234" (normalised), anything else → null. Keeps int64 exact. */
export function intString(value: unknown): string | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : null;
  if (typeof value !== 'string' || !INT_RE.test(value)) return null;
  return BigInt(value).toString();
}

/** Decimal text in currency units ("1540.27", "-0.5", "12,50" with `decimalComma`) → micros string. Rounds half away from zero past 6 places. */
export function decimalToMicros(value: string, decimalComma = false): string | null {
  const text = (decimalComma ? value.replace(',', '.') : value).trim();
  const m = DEC_RE.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const sign = m[1] === '-' ? -1n : 1n;
  const whole = BigInt(m[2] || '0');
  const frac = m[3] ?? '';
  let micros = BigInt((frac + '000000').slice(0, 6) || '0');
  if (frac.length > 6 && Number(frac[6]) >= 5) micros += 1n;
  const total = (whole * 1_000_000n + micros) * sign;
  return total.toString();
}

/** A finite number from a JSON number or numeric string; null for null/absent/`--`/garbage. */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const t = value.trim();
  if (t === '' || t === '--') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** Sums int64 decimal strings exactly. */
export function addMicros(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return (BigInt(a) + BigInt(b)).toString();
}

/** Fast non-negative/negative integer parse of a slice without allocating (TSV hot path). NaN when not an integer. */
export function parseIntSlice(s: string, start: number, end: number): number {
  if (start >= end) return Number.NaN;
  let i = start;
  let neg = false;
  if (s.charCodeAt(i) === 45) {
    neg = true;
    i++;
    if (i >= end) return Number.NaN;
  }
  let n = 0;
  for (; i < end; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    n = n * 10 + c;
  }
  return neg ? -n : n;
}
