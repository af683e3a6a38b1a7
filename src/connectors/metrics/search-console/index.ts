export { searchConsoleConnector, mapGscRows, gscBody, gscError } from './client';
export { GSC_TIME_ZONE, GSC_MAX_ROWS, queryUrl } from './constants';
