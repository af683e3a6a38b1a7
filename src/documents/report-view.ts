// ReportModel → ReportView: every string the report shows, localized and formatted once, so the
// Confluence page and the PDF say exactly the same thing. Renderers only decide the layout.
import {
  formatCell, formatChange, formatDate, formatDateRange, formatHours, formatInstantDate, formatMetric,
  formatShortDate, isNumericFormat, type Trend,
} from './format';
import { fill, kpiStatusLabel, reportTexts, reportTitle, roleLabel, serviceTypeName, sourceLabel, type ReportTexts } from './i18n';
import {
  kpiDirection, type ColumnAlign, type HeadlineKpi, type KpiStatus, type MetricUnit, type ReportChart,
  type ReportLanguage, type ReportModel, type ReportSource, type ReportTable,
} from './report-model';
import { cleanLine, textBlocks, type TextBlock } from './text';

export type Tone = 'good' | 'bad' | 'neutral';

export type CellView =
  | { kind: 'text'; text: string }
  | { kind: 'change'; text: string; trend: Trend; tone: Tone }
  | { kind: 'status'; text: string; status: KpiStatus };

export interface TableColumnView {
  label: string;
  align: ColumnAlign;
  numeric: boolean;
}

export type TableRowView =
  | { kind: 'data'; cells: CellView[] }
  /** A group header spanning the table (work done by role/epic) with a value on the right. */
  | { kind: 'group'; label: string; value: string }
  | { kind: 'total'; cells: CellView[] };

export interface TableView {
  columns: TableColumnView[];
  rows: TableRowView[];
}

export interface ChangeView {
  text: string;
  trend: Trend;
  tone: Tone;
}

export interface KpiView {
  key: string;
  label: string;
  value: string;
  vsPrevious: ChangeView;
  vsLastYear: ChangeView;
  status?: { status: KpiStatus; label: string };
}

export interface ChartView {
  id: string;
  kind: 'line' | 'bar';
  title: string;
  xLabels: string[];
  series: { label: string; values: (number | null)[] }[];
  unit: MetricUnit;
  currency: string;
  /** The series as a table (Confluence fallback, accessibility). */
  dataTable: TableView;
}

export interface SectionView {
  source: ReportSource;
  heading: string;
  note?: string;
  /** null when the source returned no rows for the period. */
  table: TableView | null;
  charts: ChartView[];
}

export interface ReportView {
  lang: ReportLanguage;
  texts: ReportTexts;
  reportId: string;
  title: string;
  agencyName: string;
  clientName: string;
  serviceName: string;
  serviceType: string;
  periodLabel: string;
  periodRange: string;
  dataAsOf: string;
  preparedBy: string;
  managerName?: string;
  draft: boolean;
  /** Label/value pairs of the summary block. */
  meta: { label: string; value: string }[];
  kpis: KpiView[];
  kpiTable: TableView;
  sections: SectionView[];
  kpiStatus: TableView | null;
  workDone: TableView | null;
  plan: TableView | null;
  analysis: TextBlock[];
  proposals: TextBlock[];
  feedback?: { rating: number; ratingText: string; comment: TextBlock[] };
}

const text = (t: string): CellView => ({ kind: 'text', text: t });

function toneOf(trend: Trend, direction: ReturnType<typeof kpiDirection>): Tone {
  if (direction === 'neutral' || trend === 'flat' || trend === 'none') return 'neutral';
  const better = direction === 'higher-is-better' ? trend === 'up' : trend === 'down';
  return better ? 'good' : 'bad';
}

function changeView(ratio: number | null, kpi: HeadlineKpi, lang: ReportLanguage): ChangeView {
  const c = formatChange(ratio, lang);
  return { text: c.text, trend: c.trend, tone: toneOf(c.trend, kpiDirection(kpi)) };
}

function kpiView(kpi: HeadlineKpi, lang: ReportLanguage, currency: string): KpiView {
  const cur = kpi.unit === 'money' ? (kpi.currency ?? currency) : currency;
  const view: KpiView = {
    key: kpi.key,
    label: cleanLine(kpi.label),
    value: formatMetric(kpi.value, kpi.unit, lang, cur),
    vsPrevious: changeView(kpi.changeVsPrevious, kpi, lang),
    vsLastYear: changeView(kpi.changeVsLastYear, kpi, lang),
  };
  if (kpi.status) view.status = { status: kpi.status, label: kpiStatusLabel(kpi.status, lang) };
  return view;
}

function sourceTable(table: ReportTable, lang: ReportLanguage, currency: string): TableView | null {
  if (table.rows.length === 0) return null;
  const columns = table.columns.map((c) => ({
    label: cleanLine(c.label),
    numeric: isNumericFormat(c.format),
    align: c.align ?? (isNumericFormat(c.format) ? 'right' : 'left'),
  }));
  const cellsOf = (row: Readonly<Record<string, string | number | null>>): CellView[] =>
    table.columns.map((c) => text(cleanLine(formatCell(row[c.key], c.format, lang, c.currency ?? currency))));
  const rows: TableRowView[] = table.rows.map((r) => ({ kind: 'data', cells: cellsOf(r) }));
  if (table.totals) rows.push({ kind: 'total', cells: cellsOf(table.totals) });
  return { columns, rows };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function chartView(chart: ReportChart, lang: ReportLanguage, currency: string, t: ReportTexts): ChartView {
  const unit = chart.unit ?? 'count';
  const cur = chart.currency ?? currency;
  const dates = chart.x.length > 0 && chart.x.every((x) => ISO_DATE.test(x));
  const series = chart.series.map((s) => ({
    label: cleanLine(s.label),
    values: chart.x.map((_, i) => {
      const v = s.values[i];
      return v === undefined || v === null || !Number.isFinite(v) ? null : v;
    }),
  }));
  const dataTable: TableView = {
    columns: [
      { label: t.date, align: 'left', numeric: false },
      ...series.map((s) => ({ label: s.label, align: 'right' as const, numeric: true })),
    ],
    rows: chart.x.map((x, i) => ({
      kind: 'data' as const,
      cells: [
        text(dates ? formatDate(x, lang) : cleanLine(x)),
        ...series.map((s) => text(formatMetric(s.values[i] ?? null, unit, lang, cur))),
      ],
    })),
  };
  return {
    id: chart.id,
    kind: chart.kind,
    title: cleanLine(chart.title),
    xLabels: chart.x.map((x) => (dates ? formatShortDate(x, lang) : cleanLine(x))),
    series,
    unit,
    currency: cur,
    dataTable,
  };
}

function workDoneTable(model: ReportModel, lang: ReportLanguage, t: ReportTexts): TableView | null {
  if (model.workDone.every((g) => g.items.length === 0)) return null;
  const rows: TableRowView[] = [];
  let total = 0;
  for (const g of model.workDone) {
    if (g.items.length === 0) continue;
    rows.push({ kind: 'group', label: cleanLine(roleLabel(g.group, lang)), value: formatHours(g.hours, lang) });
    for (const item of g.items) {
      rows.push({ kind: 'data', cells: [text(cleanLine(item.key)), text(cleanLine(item.summary)), text(formatHours(item.hours, lang))] });
    }
    total += g.hours;
  }
  rows.push({ kind: 'total', cells: [text(t.totalHours), text(''), text(formatHours(roundHours(total), lang))] });
  return {
    columns: [
      { label: t.issueKey, align: 'left', numeric: false },
      { label: t.task, align: 'left', numeric: false },
      { label: t.hours, align: 'right', numeric: true },
    ],
    rows,
  };
}

function planTable(model: ReportModel, lang: ReportLanguage, t: ReportTexts): TableView | null {
  if (model.plan.length === 0) return null;
  const rows: TableRowView[] = model.plan.map((p) => ({
    kind: 'data',
    cells: [text(cleanLine(p.summary)), text(cleanLine(roleLabel(p.role, lang))), text(formatHours(p.estimateHours, lang))],
  }));
  const total = roundHours(model.plan.reduce((s, p) => s + p.estimateHours, 0));
  rows.push({ kind: 'total', cells: [text(t.total), text(''), text(formatHours(total, lang))] });
  return {
    columns: [
      { label: t.task, align: 'left', numeric: false },
      { label: t.role, align: 'left', numeric: false },
      { label: t.estimate, align: 'right', numeric: true },
    ],
    rows,
  };
}

/** Hours are quarter-hour multiples in practice; keep sums free of binary noise (12.750000001). */
function roundHours(h: number): number {
  return Math.round(h * 100) / 100;
}

export function buildReportView(model: ReportModel): ReportView {
  const lang = model.client.language;
  const t = reportTexts(lang);
  const currency = model.client.currency;
  const periodRange = formatDateRange(model.period.from, model.period.to, lang);
  const dataAsOf = fill(t.dataAsOf, { date: formatInstantDate(model.generatedAt, lang) });
  const serviceType = serviceTypeName(model.service.type, lang);
  const managerName = model.manager.name ? cleanLine(model.manager.name) : undefined;

  const meta = [
    { label: t.client, value: cleanLine(model.client.name) },
    { label: t.service, value: cleanLine(model.service.name) },
    { label: t.period, value: `${cleanLine(model.period.label)} (${periodRange})` },
  ];
  if (managerName) meta.push({ label: t.manager, value: managerName });

  const kpis = model.kpis.map((k) => kpiView(k, lang, currency));
  const withStatus = kpis.some((k) => k.status);
  const kpiTable: TableView = {
    columns: [
      { label: t.metric, align: 'left', numeric: false },
      { label: t.value, align: 'right', numeric: true },
      { label: t.vsPrevious, align: 'right', numeric: true },
      { label: t.vsLastYear, align: 'right', numeric: true },
      ...(withStatus ? [{ label: t.status, align: 'left' as const, numeric: false }] : []),
    ],
    rows: kpis.map((k) => ({
      kind: 'data' as const,
      cells: [
        text(k.label),
        text(k.value),
        { kind: 'change' as const, ...k.vsPrevious },
        { kind: 'change' as const, ...k.vsLastYear },
        ...(withStatus ? [k.status ? { kind: 'status' as const, text: k.status.label, status: k.status.status } : text('')] : []),
      ],
    })),
  };

  const sections: SectionView[] = model.sections.map((s) => {
    const view: SectionView = {
      source: s.source,
      heading: cleanLine(s.title) || sourceLabel(s.source, lang),
      table: sourceTable(s.table, lang, currency),
      charts: s.charts.map((c) => chartView(c, lang, currency, t)),
    };
    const note = s.note ? cleanLine(s.note) : '';
    if (note) view.note = note;
    return view;
  });

  const kpiStatus: TableView | null = model.kpiStatus.length === 0 ? null : {
    columns: [
      { label: t.kpi, align: 'left', numeric: false },
      { label: t.target, align: 'right', numeric: true },
      { label: t.actual, align: 'right', numeric: true },
      { label: t.status, align: 'left', numeric: false },
      { label: t.comment, align: 'left', numeric: false },
    ],
    rows: model.kpiStatus.map((k) => ({
      kind: 'data' as const,
      cells: [
        text(cleanLine(k.label)),
        text(cleanLine(k.target)),
        text(cleanLine(k.actual)),
        { kind: 'status' as const, text: kpiStatusLabel(k.verdict, lang), status: k.verdict },
        text(cleanLine(k.note)),
      ],
    })),
  };

  const view: ReportView = {
    lang,
    texts: t,
    reportId: model.reportId,
    title: reportTitle(model.period.kind, lang),
    agencyName: cleanLine(model.agency.name),
    clientName: cleanLine(model.client.name),
    serviceName: cleanLine(model.service.name),
    serviceType,
    periodLabel: cleanLine(model.period.label) || periodRange,
    periodRange,
    dataAsOf,
    preparedBy: fill(t.preparedBy, { agency: cleanLine(model.agency.name) }),
    draft: model.status === 'draft',
    meta,
    kpis,
    kpiTable,
    sections,
    kpiStatus,
    workDone: workDoneTable(model, lang, t),
    plan: planTable(model, lang, t),
    analysis: textBlocks(model.manager.analysis),
    proposals: textBlocks(model.manager.proposals),
  };
  if (managerName) view.managerName = managerName;
  if (model.feedback) {
    const rating = Math.max(1, Math.min(5, Math.round(model.feedback.rating)));
    view.feedback = { rating, ratingText: fill(t.ratingOutOf, { rating }), comment: textBlocks(model.feedback.comment) };
  }
  return view;
}
