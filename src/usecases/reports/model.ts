// Builds a report's ReportModel from what the app knows: metric rows (per source, summed per day),
// KPI rows when the KPI feature provides them, the Jira issues resolved in the period ("work done")
// and the next month's task set ("plan for the next period").
import type { DailyRow, MetricSource } from '../../connectors/metrics/types';
import type { HeadlineKpi, KpiStatusRow, PlanItem, ReportChart, ReportLanguage, ReportModel, ReportSection, ReportSource, TableRow, WorkGroup } from '../../documents';
import { isReportLanguage, REPORT_SOURCES } from '../../documents';
import { addMonths } from '../../domain/month-rules';
import type { Client } from '../../domain/model';
import type { ServiceRecord } from '../../storage/records';
import { taskSetKey, taskSetsRepo } from '../../storage/tasksets.repo';
import { addDays, lastYearPeriod, monthsOf, periodLabel, previousPeriod, type ReportPeriod } from './period';

/** Metric rows of a service for whole months, by source (the metrics feature's storage). */
export type MetricsReader = (serviceId: string, months: string[]) => Promise<Map<MetricSource, DailyRow[]>>;

/** KPI status rows and headline KPIs for a report period (the KPI feature); null when it has none. */
export type KpiReader = (serviceId: string, period: ReportPeriod, lang: ReportLanguage) => Promise<{ headline: HeadlineKpi[]; status: KpiStatusRow[] } | null>;

export interface ResolvedIssue {
  key: string;
  summary: string;
  hours: number;
  labels: string[];
}

export interface ModelInputs {
  agencyName: string;
  client: Client;
  service: ServiceRecord;
  reportId: string;
  period: ReportPeriod;
  metrics: MetricsReader | null;
  kpis: KpiReader | null;
  /** Issues resolved in the period in the service's project. */
  resolved: ResolvedIssue[];
  /** templateId → role, to group work done. */
  templateRoles: Map<string, string>;
  managerName?: string;
  now: Date;
}

type L = Record<ReportLanguage, string>;
const WORDS = {
  date: { en: 'Date', uk: 'Дата', ru: 'Дата' },
  impressions: { en: 'Impressions', uk: 'Покази', ru: 'Показы' },
  clicks: { en: 'Clicks', uk: 'Кліки', ru: 'Клики' },
  cost: { en: 'Spend', uk: 'Витрати', ru: 'Расход' },
  conversions: { en: 'Conversions', uk: 'Конверсії', ru: 'Конверсии' },
  byDay: { en: 'Clicks and conversions by day', uk: 'Кліки та конверсії по днях', ru: 'Клики и конверсии по дням' },
  other: { en: 'Other work', uk: 'Інші роботи', ru: 'Другие работы' },
} satisfies Record<string, L>;

interface DayTotals {
  impressions: number | null;
  clicks: number | null;
  costMicros: bigint | null;
  conversions: number | null;
}

const KIND_PREFERENCE = ['account', 'campaign', 'channel', 'page', 'query', 'keyword', 'goal'] as const;

const add = (a: number | null, b: number | null): number | null => (b === null ? a : (a ?? 0) + b);

/** One total per day: the most aggregated dimension the source stored, summed. */
function dailyTotals(rows: readonly DailyRow[], from: string, to: string): Map<string, DayTotals> {
  const inPeriod = rows.filter((r) => r.date >= from && r.date <= to);
  const kind = KIND_PREFERENCE.find((k) => inPeriod.some((r) => r.dimension.kind === k));
  const out = new Map<string, DayTotals>();
  for (const r of inPeriod) {
    if (r.dimension.kind !== kind) continue;
    const d = out.get(r.date) ?? { impressions: null, clicks: null, costMicros: null, conversions: null };
    d.impressions = add(d.impressions, r.impressions);
    d.clicks = add(d.clicks, r.clicks);
    d.conversions = add(d.conversions, r.conversions);
    if (r.costMicros !== null && /^-?\d+$/.test(r.costMicros)) d.costMicros = (d.costMicros ?? 0n) + BigInt(r.costMicros);
    out.set(r.date, d);
  }
  return out;
}

/** Micros → decimal string in major units with 2 decimals (exact, no floats). */
export function microsToDecimal(micros: bigint): string {
  const neg = micros < 0n;
  const abs = neg ? -micros : micros;
  const cents = (abs + 5_000n) / 10_000n;
  const s = `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
  return neg && cents !== 0n ? `-${s}` : s;
}

interface PeriodTotals {
  impressions: number | null;
  clicks: number | null;
  costMicros: bigint | null;
  conversions: number | null;
}

function sumTotals(days: Iterable<DayTotals>, into: PeriodTotals = { impressions: null, clicks: null, costMicros: null, conversions: null }): PeriodTotals {
  for (const d of days) {
    into.impressions = add(into.impressions, d.impressions);
    into.clicks = add(into.clicks, d.clicks);
    into.conversions = add(into.conversions, d.conversions);
    if (d.costMicros !== null) into.costMicros = (into.costMicros ?? 0n) + d.costMicros;
  }
  return into;
}

const change = (now: number | null, before: number | null): number | null => (now === null || before === null || before === 0 ? null : Math.round(((now - before) / before) * 1000) / 1000);
const costNumber = (m: bigint | null): number | null => (m === null ? null : Number(m / 10_000n) / 100);

function datesOf(p: ReportPeriod): string[] {
  const out: string[] = [];
  for (let d = p.from; d <= p.to; d = addDays(d, 1)) out.push(d);
  return out;
}

function isReportSource(s: string): s is ReportSource {
  return (REPORT_SOURCES as readonly string[]).includes(s);
}

export async function buildReportModel(i: ModelInputs): Promise<ReportModel> {
  const lang: ReportLanguage = isReportLanguage(i.client.language) ? i.client.language : 'en';
  const p = i.period;
  const prev = previousPeriod(p);
  const lastYear = lastYearPeriod(p);
  const currency = i.client.currency;
  const sections: ReportSection[] = [];
  let kpis: HeadlineKpi[] = [];
  if (i.metrics) {
    const months = [...new Set([...monthsOf(lastYear), ...monthsOf(prev), ...monthsOf(p)])].sort();
    const bySource = await i.metrics(i.service.id, months);
    const totals = { now: sumTotals([]), prev: sumTotals([]), lastYear: sumTotals([]) };
    for (const [source, rows] of [...bySource.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      if (rows.length === 0 || !isReportSource(source)) continue;
      const days = dailyTotals(rows, p.from, p.to);
      if (days.size === 0) continue;
      sumTotals(days.values(), totals.now);
      sumTotals(dailyTotals(rows, prev.from, prev.to).values(), totals.prev);
      sumTotals(dailyTotals(rows, lastYear.from, lastYear.to).values(), totals.lastYear);
      const dates = datesOf(p);
      const tableRows: TableRow[] = dates.map((date) => {
        const d = days.get(date);
        return { date, impressions: d?.impressions ?? null, clicks: d?.clicks ?? null, cost: d?.costMicros != null ? microsToDecimal(d.costMicros) : null, conversions: d?.conversions ?? null };
      });
      const t = sumTotals(days.values());
      const chart: ReportChart = {
        id: `${source}-daily`,
        kind: 'line',
        title: WORDS.byDay[lang],
        x: dates,
        series: [
          { label: WORDS.clicks[lang], values: dates.map((d) => days.get(d)?.clicks ?? null) },
          { label: WORDS.conversions[lang], values: dates.map((d) => days.get(d)?.conversions ?? null) },
        ],
        unit: 'count',
      };
      sections.push({
        source,
        title: '',
        table: {
          columns: [
            { key: 'date', label: WORDS.date[lang], format: 'date' },
            { key: 'impressions', label: WORDS.impressions[lang], format: 'count' },
            { key: 'clicks', label: WORDS.clicks[lang], format: 'count' },
            { key: 'cost', label: WORDS.cost[lang], format: 'money', currency },
            { key: 'conversions', label: WORDS.conversions[lang], format: 'decimal' },
          ],
          rows: tableRows,
          totals: { date: null, impressions: t.impressions, clicks: t.clicks, cost: t.costMicros !== null ? microsToDecimal(t.costMicros) : null, conversions: t.conversions },
        },
        charts: [chart],
      });
    }
    if (sections.length > 0) {
      const n = totals.now;
      kpis = [
        { key: 'cost', label: WORDS.cost[lang], unit: 'money', currency, value: n.costMicros !== null ? microsToDecimal(n.costMicros) : null, changeVsPrevious: change(costNumber(n.costMicros), costNumber(totals.prev.costMicros)), changeVsLastYear: change(costNumber(n.costMicros), costNumber(totals.lastYear.costMicros)), direction: 'neutral' },
        { key: 'clicks', label: WORDS.clicks[lang], unit: 'count', value: n.clicks, changeVsPrevious: change(n.clicks, totals.prev.clicks), changeVsLastYear: change(n.clicks, totals.lastYear.clicks) },
        { key: 'conversions', label: WORDS.conversions[lang], unit: 'count', value: n.conversions, changeVsPrevious: change(n.conversions, totals.prev.conversions), changeVsLastYear: change(n.conversions, totals.lastYear.conversions) },
      ];
    }
  }
  let kpiStatus: KpiStatusRow[] = [];
  if (i.kpis) {
    const k = await i.kpis(i.service.id, p, lang);
    if (k) {
      kpis = [...k.headline, ...kpis.filter((x) => !k.headline.some((h) => h.key === x.key))];
      kpiStatus = k.status;
    }
  }
  return {
    reportId: i.reportId,
    agency: { name: i.agencyName },
    client: { name: i.client.name, language: lang, currency },
    service: { name: i.service.name, type: i.service.type },
    period: { kind: p.kind, from: p.from, to: p.to, label: periodLabel(p, lang) },
    kpis,
    sections,
    kpiStatus,
    workDone: groupWork(i.resolved, i.templateRoles, lang),
    plan: await planFor(i.service.id, p),
    manager: { ...(i.managerName ? { name: i.managerName } : {}), analysis: '', proposals: '' },
    generatedAt: i.now.toISOString(),
    status: 'draft',
  };
}

const TEMPLATE_LABEL = 'retainer-tpl-';
const roundQuarter = (h: number): number => Math.round(h * 4) / 4;

function groupWork(issues: readonly ResolvedIssue[], roles: Map<string, string>, lang: ReportLanguage): WorkGroup[] {
  const groups = new Map<string, WorkGroup>();
  for (const issue of [...issues].sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }))) {
    const tpl = issue.labels.find((l) => l.startsWith(TEMPLATE_LABEL))?.slice(TEMPLATE_LABEL.length);
    const group = (tpl ? roles.get(tpl) : undefined) ?? WORDS.other[lang];
    const g = groups.get(group) ?? { group, items: [], hours: 0 };
    g.items.push({ key: issue.key, summary: issue.summary, hours: roundQuarter(issue.hours) });
    g.hours = roundQuarter(g.hours + issue.hours);
    groups.set(group, g);
  }
  return [...groups.values()].sort((a, b) => b.hours - a.hours || a.group.localeCompare(b.group));
}

async function planFor(serviceId: string, p: ReportPeriod): Promise<PlanItem[]> {
  const next = p.kind === 'monthly' ? addMonths(p.from.slice(0, 7), 1) : addDays(p.to, 1).slice(0, 7);
  const set = await taskSetsRepo.get(taskSetKey(serviceId, next));
  if (!set) return [];
  return set.items.map((it) => ({ summary: it.summary, role: it.role, estimateHours: it.estimateHours }));
}
