// ReportModel → Confluence storage format (XHTML). Deterministic: the same model and options always give
// the same string, so re-publishing an unchanged report does not create a new page version's worth of noise.
// Forge macros are written in the storage form of ADF extensions (docs/atlassian-rest.md §4.1).
import { createHash } from 'node:crypto';
import { fill } from './i18n';
import type { ReportModel } from './report-model';
import { buildReportView, type CellView, type ChartView, type TableRowView, type TableView, type Tone } from './report-view';
import type { TextBlock } from './text';
import { h, serialize, type XmlElement, type XmlNode } from './xml';

export interface StorageRenderOptions {
  /** The app's UUID (the last part of the manifest's app.id ARI); the full ARI is accepted too. */
  appId: string;
  /** The Forge environment id (read at run time; it differs per environment). */
  environmentId: string;
  /** Manifest module keys of the two macros, e.g. retainer-report-charts / retainer-report-feedback. */
  macroKeys: { charts: string; feedback: string };
  /** ADF `forgeEnvironment` parameter; left out when not given. */
  environmentType?: 'PRODUCTION' | 'STAGING' | 'DEVELOPMENT';
}

/** Macro titles as in manifest.yml. */
export const CHART_MACRO_TITLE = 'Retainer report charts';
export const FEEDBACK_MACRO_TITLE = 'Retainer report feedback';

const FORGE_EXTENSION_TYPE = 'com.atlassian.ecosystem';
const APP_ARI_PREFIX = 'ari:cloud:ecosystem::app/';
const KEY_PART = /^[A-Za-z0-9._~-]+$/;

/** A stable UUID (version 5 layout, SHA-1) for a macro instance: same report + chart → same localId. */
export function macroLocalId(reportId: string, instanceId: string): string {
  const hash = createHash('sha1').update(`retainer-report-macro\u0000${reportId}\u0000${instanceId}`, 'utf8').digest();
  const b = Uint8Array.from(hash.subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Buffer.from(b).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The short extension key Confluence loads: <appId>/<envId>/static/<moduleKey>. */
export function forgeExtensionKey(appId: string, environmentId: string, moduleKey: string): string {
  const app = appId.startsWith(APP_ARI_PREFIX) ? appId.slice(APP_ARI_PREFIX.length) : appId;
  for (const [what, v] of [['appId', app], ['environmentId', environmentId], ['macro key', moduleKey]] as const) {
    if (!KEY_PART.test(v)) throw new Error(`Invalid ${what} for a Forge macro: "${v}"`);
  }
  return `${app}/${environmentId}/static/${moduleKey}`;
}

// ---------------------------------------------------------------------------------------------
// Building blocks

const p = (...children: (XmlNode | false | null | undefined)[]): XmlElement => h('p', null, ...children);

function statusMacro(colour: 'Grey' | 'Red' | 'Yellow' | 'Green' | 'Blue', title: string, subtle = false): XmlElement {
  return h('ac:structured-macro', { 'ac:name': 'status', 'ac:schema-version': '1' },
    h('ac:parameter', { 'ac:name': 'colour' }, colour),
    h('ac:parameter', { 'ac:name': 'title' }, title),
    subtle && h('ac:parameter', { 'ac:name': 'subtle' }, 'true'));
}

const TONE_COLOUR: Record<Tone, 'Green' | 'Red' | 'Grey'> = { good: 'Green', bad: 'Red', neutral: 'Grey' };
const STATUS_COLOUR = { 'on-track': 'Green', 'at-risk': 'Yellow', 'off-track': 'Red' } as const;
const ARROW = { up: '▲ ', down: '▼ ', flat: '', none: '' } as const;

function cellContent(cell: CellView): XmlNode {
  switch (cell.kind) {
    case 'text': return cell.text;
    case 'change': return cell.trend === 'none' ? cell.text : statusMacro(TONE_COLOUR[cell.tone], `${ARROW[cell.trend]}${cell.text}`, true);
    case 'status': return statusMacro(STATUS_COLOUR[cell.status], cell.text);
  }
}

const RIGHT = { style: 'text-align: right;' } as const;
const CENTER = { style: 'text-align: center;' } as const;

function table(view: TableView): XmlElement {
  const align = (i: number): Record<string, string> | null => {
    const a = view.columns[i]?.align;
    return a === 'right' ? RIGHT : a === 'center' ? CENTER : null;
  };
  const row = (r: TableRowView): XmlElement => {
    switch (r.kind) {
      case 'group':
        return h('tr', null,
          h('td', { colspan: String(Math.max(1, view.columns.length - 1)) }, p(h('strong', null, r.label))),
          view.columns.length > 1 && h('td', null, h('p', RIGHT, h('strong', null, r.value))));
      case 'data':
        return h('tr', null, r.cells.map((c, i) => h('td', null, h('p', align(i), c.text !== '' && cellContent(c)))));
      case 'total':
        return h('tr', null, r.cells.map((c, i) => h('td', null, h('p', align(i), c.text !== '' && h('strong', null, cellContent(c))))));
    }
  };
  return h('table', { 'data-layout': 'default' },
    h('tbody', null,
      h('tr', null, view.columns.map((c, i) => h('th', null, h('p', align(i), c.label)))),
      view.rows.map(row)));
}

function blocks(list: readonly TextBlock[], emptyText: string): XmlNode[] {
  if (list.length === 0) return [p(h('em', null, emptyText))];
  return list.map((b) => {
    if (b.kind === 'list') return h(b.ordered ? 'ol' : 'ul', null, b.items.map((i) => h('li', null, p(i))));
    const parts: XmlNode[] = [];
    b.lines.forEach((line, i) => {
      if (i > 0) parts.push(h('br'));
      parts.push(line);
    });
    return p(...parts);
  });
}

interface MacroSpec {
  extensionKey: string;
  title: string;
  localId: string;
  guestParams: Readonly<Record<string, string>>;
  fallback: string;
}

function forgeMacro(m: MacroSpec, environmentType: StorageRenderOptions['environmentType']): XmlElement {
  const attr = (key: string, ...children: (XmlNode | false)[]): XmlElement => h('ac:adf-attribute', { key }, ...children);
  const param = (key: string, ...children: (XmlNode | false)[]): XmlElement => h('ac:adf-parameter', { key }, ...children);
  return h('ac:adf-extension', null,
    h('ac:adf-node', { type: 'extension' },
      attr('extension-type', FORGE_EXTENSION_TYPE),
      attr('extension-key', m.extensionKey),
      attr('parameters',
        param('local-id', m.localId),
        param('extension-id', `ari:cloud:ecosystem::extension/${m.extensionKey}`),
        param('extension-title', m.title),
        environmentType !== undefined && param('forge-environment', environmentType),
        param('guest-params', ...Object.entries(m.guestParams).map(([k, v]) => param(k, v)))),
      attr('text', m.title),
      attr('layout', 'default'),
      attr('local-id', m.localId)),
    h('ac:adf-fallback', null, p(m.fallback)));
}

function expand(title: string, ...body: XmlNode[]): XmlElement {
  return h('ac:structured-macro', { 'ac:name': 'expand', 'ac:schema-version': '1' },
    h('ac:parameter', { 'ac:name': 'title' }, title),
    h('ac:rich-text-body', null, ...body));
}

// ---------------------------------------------------------------------------------------------

/** The report page body in Confluence storage format. */
export function renderReportStorage(model: ReportModel, opts: StorageRenderOptions): string {
  const v = buildReportView(model);
  const t = v.texts;
  const chartKey = forgeExtensionKey(opts.appId, opts.environmentId, opts.macroKeys.charts);
  const feedbackKey = forgeExtensionKey(opts.appId, opts.environmentId, opts.macroKeys.feedback);

  const seen = new Set<string>();
  const chart = (c: ChartView): XmlNode[] => {
    if (seen.has(c.id)) throw new Error(`Chart id "${c.id}" appears twice in report ${model.reportId}`);
    seen.add(c.id);
    return [
      h('h3', null, c.title),
      forgeMacro({
        extensionKey: chartKey,
        title: CHART_MACRO_TITLE,
        localId: macroLocalId(model.reportId, `chart:${c.id}`),
        guestParams: { reportId: model.reportId, chartId: c.id },
        fallback: c.title,
      }, opts.environmentType),
      expand(fill(t.chartData, { title: c.title }), table(c.dataTable)),
    ];
  };

  const out: XmlNode[] = [];
  if (v.draft) {
    out.push(h('ac:structured-macro', { 'ac:name': 'note', 'ac:schema-version': '1' },
      h('ac:rich-text-body', null, p(statusMacro('Yellow', t.draft), ' ', t.draftNotice))));
  }

  out.push(h('h2', null, t.summary));
  out.push(h('table', { 'data-layout': 'default' },
    h('tbody', null, v.meta.map((m) => h('tr', null, h('th', null, p(m.label)), h('td', null, p(m.value)))))));

  out.push(h('h2', null, t.keyResults));
  out.push(v.kpis.length > 0 ? table(v.kpiTable) : p(h('em', null, t.noDataForPeriod)));

  for (const s of v.sections) {
    out.push(h('h2', null, s.heading));
    if (s.note) out.push(p(h('em', null, s.note)));
    out.push(s.table ? table(s.table) : p(h('em', null, t.noDataForPeriod)));
    for (const c of s.charts) out.push(...chart(c));
  }

  if (v.kpiStatus) out.push(h('h2', null, t.kpiStatus), table(v.kpiStatus));

  out.push(h('h2', null, t.workDone), v.workDone ? table(v.workDone) : p(h('em', null, t.workDoneEmpty)));
  out.push(h('h2', null, t.plan), v.plan ? table(v.plan) : p(h('em', null, t.planEmpty)));
  out.push(h('h2', null, t.analysis), ...blocks(v.analysis, t.notWrittenYet));
  out.push(h('h2', null, t.proposals), ...blocks(v.proposals, t.notWrittenYet));

  out.push(h('h2', null, t.feedback));
  if (v.feedback) {
    out.push(p(h('strong', null, `${t.clientRating}: `), v.feedback.ratingText));
    if (v.feedback.comment.length > 0) out.push(h('blockquote', null, ...blocks(v.feedback.comment, '')));
  } else {
    out.push(p(t.feedbackPrompt));
  }
  out.push(forgeMacro({
    extensionKey: feedbackKey,
    title: FEEDBACK_MACRO_TITLE,
    localId: macroLocalId(model.reportId, 'feedback'),
    guestParams: { reportId: model.reportId },
    fallback: t.feedbackPrompt,
  }, opts.environmentType));

  out.push(p(h('em', null, `${v.preparedBy} · ${v.dataAsOf}`)));
  return serialize(out);
}
