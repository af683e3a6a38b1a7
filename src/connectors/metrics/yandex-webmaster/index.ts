export { yandexWebmasterConnector, webmasterDiagnostics, webmasterSiteHealth, webmasterError, listHosts, rangeParams, type SiteHealth } from './client';
export { mapDiagnostics, mapQueryRows, mapSiteRows, presentProblems, seriesByDay, sqiByDay, webmasterDay, type SiteProblem, type SiteSeries } from './parser';
export { WEBMASTER_BASE, WEBMASTER_TIME_ZONE, hostPath } from './constants';
