// Jira's wire formats for dates and times.

/** Jira date-time with a +0000 offset (no colon), e.g. 2026-03-02T09:00:00.000+0000. */
export function toJiraDateTime(value: Date | string): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/.test(value)) return value;
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) throw new RangeError(`Not a date-time: ${String(value)}`);
  return d.toISOString().replace('Z', '+0000');
}

/** Parses Jira's `+0000` offsets (which Date.parse rejects in some forms) to epoch ms. */
export function parseJiraDateTime(value: string): number {
  const iso = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`Not a Jira date-time: ${value}`);
  return ms;
}
