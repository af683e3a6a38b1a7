// Yandex Metrica Reporting API (stat/v1/data).
export const METRICA_DATA_URL = 'https://api-metrika.yandex.net/stat/v1/data';
/** Rows per page (API max 100,000; default 100). */
export const METRICA_PAGE_SIZE = 10_000;
export const METRICA_MAX_PAGE_SIZE = 100_000;
/** Long ranges get sampled: ask for at most a quarter per request. */
export const METRICA_MAX_DAYS_PER_REQUEST = 92;
/** Organic search traffic source id (the name is localised; the id is stable). */
export const ORGANIC_SOURCE_ID = 'organic';
/** Metrics per request are capped at 20: visits + users + up to 18 goals. */
export const METRICA_MAX_GOALS = 18;
