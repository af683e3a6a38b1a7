export { topvisorConnector } from './client';
export { DayAccumulator, parsePosition, readHistory, topvisorError } from './parser';
export { TOPVISOR_HISTORY_URL, TOP_N } from './constants';
