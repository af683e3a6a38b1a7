export { metaConnector, insightsParams } from './client';
export { mapMetaRow, metaError, readUsage, isSyncTimeout } from './parser';
export { META_API_VERSION, META_SYNC_MAX_DAYS, adAccountPath } from './constants';
