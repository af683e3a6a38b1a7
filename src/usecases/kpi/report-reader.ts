// The KPI feature's reader for client reports: a month's KPI status rows from the stored rollup (one
// read). Weekly and custom periods get the rollup of the month they end in. KPIs built from money
// facts (margin, revenue, cost) never reach a client report; KPIs without a verdict are left out.
import { formatKpiValue, type KpiResult } from '../../domain/kpi';
import type { KpiStatusRow, ReportLanguage } from '../../documents/report-model';
import { getKpiDefinitions, getRollup } from '../../storage/kpi.repo';
import { servicesRepo } from '../../storage/services.repo';
import type { KpiReader } from '../reports/model';
import { serviceDefinitions } from './recompute';
import { moneyKpiIds } from './views';

const JUDGED = new Set(['on-track', 'at-risk', 'off-track']);

function targetText(k: KpiResult, lang: ReportLanguage): string {
  if (k.target === null) return '—';
  return `${k.direction === 'higher-is-better' ? '≥' : '≤'} ${formatKpiValue(k.target, k.unit, lang)}`;
}

export function statusRows(kpis: readonly KpiResult[], hidden: ReadonlySet<string>, lang: ReportLanguage): KpiStatusRow[] {
  return kpis
    .filter((k) => JUDGED.has(k.verdict) && !hidden.has(k.id))
    .map((k) => ({
      label: k.label[lang],
      target: targetText(k, lang),
      actual: k.unbounded ? (k.unbounded === 'positive' ? '∞' : '−∞') : formatKpiValue(k.value, k.unit, lang),
      verdict: k.verdict as KpiStatusRow['verdict'],
      note: k.note[lang],
    }));
}

export const kpiReportReader: KpiReader = async (serviceId, period, lang) => {
  const month = period.to.slice(0, 7);
  const [rollup, service, defs] = await Promise.all([getRollup(serviceId, month), servicesRepo.get(serviceId), getKpiDefinitions()]);
  if (!rollup || !service) return null;
  const status = statusRows(rollup.kpis, moneyKpiIds(serviceDefinitions(service, defs)), lang);
  return { headline: [], status };
};
