export { csvConnector } from './client';
export { parseCsv, detectDelimiter, csvRecords, normaliseNumber, type CsvOptions, type CsvResult } from './parser';
export { CSV_COLUMNS, CSV_ALIASES } from './constants';
