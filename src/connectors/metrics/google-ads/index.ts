export { googleAdsConnector, normaliseCustomerId } from './client';
export { GOOGLE_ADS_API_VERSION, dailyCampaignQuery } from './constants';
export { mapAdsRow, adsError, unwrapErrorBody } from './parser';
