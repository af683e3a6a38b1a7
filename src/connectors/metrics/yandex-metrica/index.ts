export { yandexMetricaConnector, mapMetricaRows, metricaParams, metricaError } from './client';
export { METRICA_DATA_URL, ORGANIC_SOURCE_ID } from './constants';
