// Jira-like pages: issue view (with the issue context and issue panel), project page, global
// page and admin page. Product data comes through deps.productFetch as the viewing persona.
import type { UiModule } from './modules';
import { esc, frameTag, initials } from './pages';
import type { FrameRecord, ProductFetchResponse, UiHostDeps } from './types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export interface IssueView {
  id: string;
  key: string;
  summary: string;
  statusName: string;
  statusCategory: string;
  issueType: string;
  project: { id: string; key: string; name: string; type: string };
  assignee: string;
  reporter: string;
  labels: string[];
  dueDate: string;
  originalEstimate: string;
  timeSpent: string;
  description: string;
}

/** Plain text of an ADF document (paragraphs on their own lines). */
export function adfText(node: unknown): string {
  if (!isObj(node)) return '';
  if (node.type === 'text') return str(node.text);
  if (node.type === 'hardBreak') return '\n';
  const inner = Array.isArray(node.content) ? node.content.map(adfText).join('') : '';
  const block = ['paragraph', 'heading', 'listItem', 'codeBlock', 'blockquote'].includes(str(node.type));
  return block ? `${inner}\n` : inner;
}

export async function fetchJson(deps: Pick<UiHostDeps, 'productFetch'>, product: 'jira' | 'confluence', accountId: string | null, path: string): Promise<{ status: number; json: unknown }> {
  let r: ProductFetchResponse;
  try {
    r = await deps.productFetch({ product, accountId, method: 'GET', path, headers: { accept: 'application/json' } });
  } catch (e) {
    return { status: 502, json: { message: e instanceof Error ? e.message : String(e) } };
  }
  try {
    return { status: r.status, json: r.body ? (JSON.parse(r.body) as unknown) : null };
  } catch {
    return { status: r.status, json: null };
  }
}

export function toIssueView(json: unknown): IssueView | null {
  if (!isObj(json) || !isObj(json.fields)) return null;
  const f = json.fields;
  const project = isObj(f.project) ? f.project : {};
  const status = isObj(f.status) ? f.status : {};
  const cat = isObj(status.statusCategory) ? str(status.statusCategory.key) : '';
  const tt = isObj(f.timetracking) ? f.timetracking : {};
  return {
    id: str(json.id),
    key: str(json.key),
    summary: str(f.summary),
    statusName: str(status.name),
    statusCategory: cat,
    issueType: isObj(f.issuetype) ? str(f.issuetype.name) : '',
    project: { id: str(project.id), key: str(project.key), name: str(project.name), type: str(project.projectTypeKey) || 'software' },
    assignee: isObj(f.assignee) ? str(f.assignee.displayName) : '',
    reporter: isObj(f.reporter) ? str(f.reporter.displayName) : '',
    labels: Array.isArray(f.labels) ? f.labels.filter((l): l is string => typeof l === 'string') : [],
    dueDate: str(f.duedate),
    originalEstimate: str(tt.originalEstimate),
    timeSpent: str(tt.timeSpent),
    description: adfText(f.description).trim(),
  };
}

export const ISSUE_FIELDS = 'summary,status,issuetype,project,assignee,reporter,labels,duedate,timetracking,description';

function detail(label: string, value: string): string {
  return `<dt>${esc(label)}</dt><dd>${value ? esc(value) : '<span class="muted">None</span>'}</dd>`;
}

/** The module's `icon: resource:<key>;<path>` drawn as a mask, so it takes the theme's icon colour. */
function iconSpan(frame: FrameRecord, module: UiModule): string {
  const icon = typeof module.def.icon === 'string' ? module.def.icon : '';
  const m = /^resource:([^;]+);(.+)$/.exec(icon);
  if (!m || m[1] !== module.resourceKey) return '';
  const url = `/__frames/${encodeURIComponent(frame.id)}/${(m[2] as string).split('/').map(encodeURIComponent).join('/')}`;
  return `<span class="panel-app__icon" aria-hidden="true" style="--icon: url('${esc(url)}')"></span>`;
}

export interface IssueFrames {
  context: Array<{ frame: FrameRecord; module: UiModule }>;
  panel: Array<{ frame: FrameRecord; module: UiModule }>;
}

export function issueBody(issue: IssueView, frames: IssueFrames): string {
  const statusClass = issue.statusCategory === 'done' ? ' status-pill--done' : issue.statusCategory === 'indeterminate' ? ' status-pill--indeterminate' : '';
  const panels = frames.panel
    .map(
      ({ frame, module }) => `<section class="issue__section panel-app" aria-label="${esc(module.title)}">
  <div class="panel-app__head">${iconSpan(frame, module)} ${esc(module.title)}</div>
  <div class="panel-app__body">${frameTag(frame, module)}</div>
</section>`,
    )
    .join('');
  const contexts = frames.context
    .map(
      ({ frame, module }) => `<details class="card" open data-module-key="${esc(module.key)}">
  <summary>${esc(module.title)}${module.statusLabel ? `<span class="card__badge" data-status-type="${esc(module.statusType ?? 'badge')}">${esc(module.statusLabel)}</span>` : ''}</summary>
  <div class="card__body">${frameTag(frame, module)}</div>
</details>`,
    )
    .join('');
  return `<main class="main">
<div class="breadcrumbs"><a href="/">Projects</a> / ${esc(issue.project.name || issue.project.key)} / <a href="/jira/browse/${esc(issue.key)}">${esc(issue.key)}</a></div>
<div class="issue">
  <div>
    <h1 class="issue__summary" id="issue-summary">${esc(issue.summary)}</h1>
    <section class="issue__section"><h2>Description</h2><div class="issue__desc">${issue.description ? esc(issue.description) : '<span class="muted">Add a description…</span>'}</div></section>
    ${panels}
    <section class="issue__section"><h2>Activity</h2><p class="muted">Comments and history are not shown in the sandbox.</p></section>
  </div>
  <aside aria-label="Issue details">
    <p><span class="status-pill${statusClass}" id="issue-status">${esc(issue.statusName || 'Unknown')}</span></p>
    <div class="card"><div class="card__head">Details</div><div class="card__body"><dl class="details">
      ${detail('Assignee', issue.assignee)}${detail('Reporter', issue.reporter)}${detail('Type', issue.issueType)}${detail('Labels', issue.labels.join(', '))}${detail('Due date', issue.dueDate)}${detail('Original estimate', issue.originalEstimate)}${detail('Time spent', issue.timeSpent)}
    </dl></div></div>
    ${contexts}
  </aside>
</div>
</main>`;
}

export function projectPageBody(project: { key: string; name: string }, module: UiModule, frame: FrameRecord, otherPages: UiModule[]): string {
  const links = otherPages
    .map((m) => `<a href="/jira/projects/${esc(project.key)}/apps/${esc(m.key)}"${m.key === module.key ? ' aria-current="page"' : ''}>${esc(m.title)}</a>`)
    .join('');
  return `<div class="layout">
<nav class="sidebar" aria-label="Project">
  <div class="sidebar__title"><span class="sidebar__avatar" aria-hidden="true">${esc(initials(project.name || project.key))}</span><div><strong>${esc(project.name || project.key)}</strong><div class="muted">${esc(project.key)}</div></div></div>
  <span class="nav-item muted">Board (not emulated)</span>
  <h4>Apps</h4>
  ${links}
</nav>
<main class="main main--page">
  <div class="page-head"><div class="breadcrumbs"><a href="/">Projects</a> / ${esc(project.name || project.key)} / ${esc(module.title)}</div></div>
  ${frameTag(frame, module)}
</main>
</div>`;
}

export function appPageBody(module: UiModule, frame: FrameRecord, sidebar: { heading: string; pages: UiModule[]; hrefFor(m: UiModule): string } | null): string {
  const side = sidebar
    ? `<nav class="sidebar" aria-label="${esc(sidebar.heading)}"><h4>${esc(sidebar.heading)}</h4>${sidebar.pages
        .map((m) => `<a href="${esc(sidebar.hrefFor(m))}"${m.key === module.key ? ' aria-current="page"' : ''}>${esc(m.title)}</a>`)
        .join('')}</nav>`
    : '';
  return `<div class="layout">${side}
<main class="main main--page">
  <div class="page-head"><div class="breadcrumbs">${sidebar ? esc(sidebar.heading) : 'Apps'} / ${esc(module.title)}</div></div>
  ${frameTag(frame, module)}
</main>
</div>`;
}
