// Known mistakes in the pinned spec files, corrected before validation. Each entry says what is wrong
// and why we believe the real API differs. Keep this list short and evidence-based.
import type { OpenApiDocument, SpecProduct } from './spec-files';

interface Erratum {
  product: SpecProduct;
  why: string;
  apply(doc: OpenApiDocument): void;
}

const schemaOf = (doc: OpenApiDocument, name: string): Record<string, unknown> | undefined =>
  doc.components?.schemas?.[name] as Record<string, unknown> | undefined;

export const SPEC_ERRATA: Erratum[] = [
  {
    product: 'jira',
    why:
      'CreateProjectDetails.projectTemplateKey: the enum in the published file is cut off after ' +
      '"jira-core-simplified-task-"; the documented business template is "…-task-tracking" (atlassian-rest.md §1.1).',
    apply(doc) {
      const props = schemaOf(doc, 'CreateProjectDetails')?.properties as Record<string, { enum?: string[] }> | undefined;
      const e = props?.projectTemplateKey?.enum;
      const full = 'com.atlassian.jira-core-project-templates:jira-core-simplified-task-tracking';
      if (e && !e.includes(full)) e.push(full);
    },
  },
  {
    product: 'jira',
    why:
      'GET /project/search and /project/recent: the `properties` query parameter is typed as an array of ' +
      'StringList objects, which no query string can express; the description (and real sites) take property keys.',
    apply(doc) {
      for (const path of ['/rest/api/3/project/search', '/rest/api/3/project/recent']) {
        const op = doc.paths[path]?.get as { parameters?: Array<{ name?: string; in?: string; schema?: unknown }> } | undefined;
        const param = op?.parameters?.find((p) => p.name === 'properties' && p.in === 'query');
        if (param) param.schema = { type: 'array', items: { type: 'string' } };
      }
    },
  },
];

const applied = new WeakSet<OpenApiDocument>();

export function applyErrata(product: SpecProduct, doc: OpenApiDocument): void {
  if (applied.has(doc)) return;
  for (const e of SPEC_ERRATA) if (e.product === product) e.apply(doc);
  applied.add(doc);
}
