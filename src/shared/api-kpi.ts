// Resolver keys of the kpi feature: payloads and results crossing the bridge.
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface KpiApi {}
