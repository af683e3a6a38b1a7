// Resolver keys of the reports feature: payloads and results crossing the bridge.
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ReportsApi {}
