// The sandbox index: every surface of the app, plus quick ways to open an issue, project or page.
import type { UiModule } from './modules';
import { esc } from './pages';
import type { UiHostPersona } from './types';

export interface IndexData {
  modules: UiModule[];
  projects: Array<{ key: string; name: string }>;
  issues: Array<{ key: string; summary: string }>;
  persona: UiHostPersona;
  isAdmin: boolean;
}

function row(cells: string[]): string {
  return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
}

export function indexBody(d: IndexData): string {
  const byType = (t: string) => d.modules.filter((m) => m.type === t);
  const projectPages = byType('jira:projectPage');
  const pages = [
    ...byType('jira:globalPage').map((m) => row([`<a href="/jira/apps/${esc(m.key)}">${esc(m.title)}</a>`, 'Global page', `<code>${esc(m.key)}</code>`])),
    ...byType('jira:adminPage').map((m) =>
      row([`<a href="/jira/settings/apps/${esc(m.key)}">${esc(m.title)}</a>`, `Admin page${d.isAdmin ? '' : ' <span class="muted">(admins only)</span>'}`, `<code>${esc(m.key)}</code>`]),
    ),
  ].join('');
  const projects = d.projects
    .map((p) => row([`${esc(p.name)} <span class="muted">${esc(p.key)}</span>`, projectPages.map((m) => `<a href="/jira/projects/${esc(p.key)}/apps/${esc(m.key)}">${esc(m.title)}</a>`).join(' · ')]))
    .join('');
  const issues = d.issues.map((i) => row([`<a href="/jira/browse/${esc(i.key)}">${esc(i.key)}</a>`, esc(i.summary)])).join('');
  const panelModules = [...byType('jira:issueContext'), ...byType('jira:issuePanel')].map((m) => `<code>${esc(m.key)}</code>`).join(', ');
  const macros = byType('macro').map((m) => `<code>${esc(m.key)}</code>`).join(', ');
  return `<main class="main index">
<h1>Retainer in the Forge sandbox</h1>
<p class="muted">Viewing as <strong>${esc(d.persona.displayName)}</strong> (${esc(d.persona.role)}). Switch persona, language and theme in the top bar.</p>
<section><h2>App pages</h2><table><thead><tr><th>Page</th><th>Module type</th><th>Key</th></tr></thead><tbody>${pages}</tbody></table></section>
<section><h2>Project pages</h2>${projects ? `<table><thead><tr><th>Project</th><th>Pages</th></tr></thead><tbody>${projects}</tbody></table>` : '<p class="muted">No projects visible to this persona.</p>'}
<form method="get" action="/__go"><label for="go-project">Project key</label> <input id="go-project" name="project" size="10"> <button type="submit">Open project page</button></form></section>
<section><h2>Issues</h2><p class="muted">Issue view shows ${panelModules || 'no app panels'}.</p>${issues ? `<table><thead><tr><th>Key</th><th>Summary</th></tr></thead><tbody>${issues}</tbody></table>` : ''}
<form method="get" action="/__go"><label for="go-issue">Issue key</label> <input id="go-issue" name="issue" size="10"> <button type="submit">Open issue</button></form></section>
<section><h2>Confluence</h2><p class="muted">Macros: ${macros || 'none'}.</p>
<form method="get" action="/__go"><label for="go-page">Page id</label> <input id="go-page" name="page" size="12"> <button type="submit">Open page</button></form></section>
</main>`;
}
