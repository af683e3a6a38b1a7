export { yandexDirectConnector, reportDefinition, directError } from './client';
export { DirectTsvParser, parseDirectTsv, type DirectTsvOptions } from './tsv-parser';
export { benchTsv } from './bench';
export { DIRECT_REPORTS_URL, DIRECT_LIVE4_URL } from './constants';
