// What the sales use cases need from Jira and Confluence, as small ports (wired in deps.ts).
import type { AdfDoc } from '../../connectors/jira/adf';

export interface SalesJira {
  getProject(key: string): Promise<{ id: string; key: string } | null>;
  createProject(input: { key: string; name: string; leadAccountId: string; description: string }): Promise<{ id: string; key: string }>;
  taskTypeId(projectId: string): Promise<string>;
  /** Finds an issue by its marker label (a re-run adopts what a crashed run created). */
  findByLabel(label: string): Promise<string | null>;
  createIssue(input: { projectKey: string; issueTypeId: string; summary: string; description: AdfDoc; labels: string[] }): Promise<string>;
  setLabels(issueKey: string, labels: string[]): Promise<void>;
  comment(issueKey: string, body: AdfDoc): Promise<string>;
}

export interface SalesConfluence {
  getSpaceByKey(key: string): Promise<{ id: string; key: string } | null>;
  createSpace(input: { key: string; name: string; description: string }): Promise<{ id: string; key: string }>;
  findPageByTitle(spaceId: string, title: string): Promise<{ id: string } | null>;
  createPage(input: { spaceId: string; title: string; storage: string }): Promise<{ id: string }>;
  updatePage(id: string, input: { title: string; storage: string }): Promise<void>;
  uploadPdf(pageId: string, filename: string, bytes: Uint8Array): Promise<void>;
}

export interface SalesDeps {
  jira: SalesJira;
  confluence: SalesConfluence;
  now: () => Date;
}
