export { ga4Connector, mapGa4Report, ga4Error, reportBody, normalisePropertyId } from './client';
export { GA4_ORGANIC_CHANNEL, GA4_OTHER } from './constants';
