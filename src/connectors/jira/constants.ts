// Jira limits and defaults we code against (atlassian-rest.md §1).

/** POST /issue/bulk takes at most 50 issues. */
export const JIRA_BULK_CREATE_LIMIT = 50;
/** POST /worklog/list takes at most 1000 ids; the updated-since feed pages hold up to 1000. */
export const JIRA_WORKLOG_LIST_LIMIT = 1000;
/** search/jql: default page size we ask for (the server may return fewer). */
export const JIRA_SEARCH_PAGE_SIZE = 100;
/** search/jql: at most 5 issue properties per request. */
export const JIRA_SEARCH_MAX_PROPERTIES = 5;
/** Entity property values: at most 32,768 characters of JSON. */
export const JIRA_PROPERTY_MAX_CHARS = 32_768;
/** Entity property keys: at most 255 characters. */
export const JIRA_PROPERTY_KEY_MAX = 255;
/** user/bulk: account ids per request (kept well under URL length limits). */
export const JIRA_USER_BULK_CHUNK = 50;
/** createmeta issue types: the server rejects maxResults above 200. */
export const JIRA_CREATEMETA_PAGE_SIZE = 200;

export const STATUS_CATEGORIES = ['new', 'indeterminate', 'done'] as const;
export type StatusCategoryKey = (typeof STATUS_CATEGORIES)[number];
