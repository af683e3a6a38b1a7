// KPI targets as people type them and as 'kpi/targets/set' takes them: percent KPIs are typed in
// percent and stored as fractions (5 → 0.05), money stays a decimal string, empty removes the target.
import type { KpiUnit } from '../../../domain/kpi/definitions';

/** The value to send; `undefined` = not a number (the field shows an error). */
export function targetInput(unit: KpiUnit, text: string): number | string | null | undefined {
  const t = text.trim().replace(',', '.');
  if (t === '') return null;
  if (!/^-?\d+(\.\d+)?$/.test(t)) return undefined;
  if (unit === 'money') return t;
  const n = Number(t);
  // Rounded so 5.1 % stays 0.051 and not 0.050999999….
  return unit === 'percent' ? Math.round(n * 1e6) / 1e8 : n;
}

/** The stored target as the field shows it. */
export function targetText(unit: KpiUnit, v: number | undefined): string {
  if (v === undefined) return '';
  return unit === 'percent' ? String(Math.round(v * 1e8) / 1e6) : String(v);
}
