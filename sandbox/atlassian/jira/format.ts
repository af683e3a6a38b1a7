// Jira's wire formats: timestamps like 2021-01-17T12:34:00.000+0000 and durations like "3h 30m"
// (1d = 8h and 1w = 5d, Jira's defaults; a bare number means minutes).

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** 2021-01-17T12:34:00.000+0000 (the site runs on UTC). */
export function jiraTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`;
}

/** YYYY-MM-DD of a UTC instant. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Parses the timestamps Jira accepts in bodies (with `+0000`, `+00:00` or `Z`); null when invalid. */
export function parseJiraDateTime(s: string): number | null {
  const m = DATE_TIME.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, ms, tz] = m;
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec ?? 0), Number((ms ?? '0').padEnd(3, '0')));
  if (Number.isNaN(base)) return null;
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return null;
  if (!tz || tz === 'Z') return base;
  const sign = tz.startsWith('-') ? -1 : 1;
  const digits = tz.slice(1).replace(':', '');
  const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
  return base - sign * offsetMin * 60_000;
}

/** Strict YYYY-MM-DD (a real calendar day). */
export function isValidDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const UNIT_SECONDS: Record<string, number> = { w: 5 * 8 * 3600, d: 8 * 3600, h: 3600, m: 60 };

/** "2d 4h 30m" → seconds; a bare number is minutes. null when the text is not a Jira duration. */
export function parseDuration(text: string): number | null {
  const s = text.trim().toLowerCase();
  if (s.length === 0) return null;
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 60);
  let total = 0;
  let rest = s;
  const part = /^(\d+(?:\.\d+)?)\s*([wdhm])\s*/;
  let matched = false;
  while (rest.length > 0) {
    const m = part.exec(rest);
    if (!m) return null;
    total += Number(m[1]) * (UNIT_SECONDS[m[2] as string] as number);
    rest = rest.slice(m[0].length);
    matched = true;
  }
  return matched ? Math.round(total) : null;
}

/** Seconds → "1w 2d 3h 30m" (Jira's pretty form; 0 → "0m"). */
export function formatDuration(seconds: number): string {
  let rest = Math.max(0, Math.round(seconds / 60)) * 60;
  const parts: string[] = [];
  for (const [unit, size] of Object.entries(UNIT_SECONDS)) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      parts.push(`${n}${unit}`);
      rest -= n * size;
    }
  }
  return parts.length > 0 ? parts.join(' ') : '0m';
}
