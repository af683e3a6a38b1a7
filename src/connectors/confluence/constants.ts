// Confluence limits and defaults we code against (atlassian-rest.md §2–3).

/** v2 list endpoints cap `limit` at 250. */
export const CONFLUENCE_MAX_LIMIT = 250;
/** Page size we ask for on v2 lists. */
export const CONFLUENCE_PAGE_SIZE = 100;
/** The XSRF header every multipart request needs. */
export const NO_CHECK_HEADERS: Readonly<Record<string, string>> = { 'X-Atlassian-Token': 'no-check' };

export type BodyFormat = 'storage' | 'atlas_doc_format';
export type PageStatus = 'current' | 'draft';
