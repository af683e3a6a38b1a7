// Topvisor API v2: /{version}/{format}/{operator}/{service}[/{method}].
export const TOPVISOR_BASE = 'https://api.topvisor.com/v2/json';
export const TOPVISOR_HISTORY_URL = `${TOPVISOR_BASE}/get/positions_2/history`;
export const TOPVISOR_PROJECTS_URL = `${TOPVISOR_BASE}/get/projects_2/projects`;
/** Results per request (API max 10,000). */
export const TOPVISOR_PAGE_SIZE = 10_000;
/** Positions this good or better count as "top 10". */
export const TOP_N = 10;
/** Projects are usually checked on Moscow time; used to flag today's (possibly running) check. */
export const TOPVISOR_DEFAULT_TZ = 'Europe/Moscow';
