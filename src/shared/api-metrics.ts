// Resolver keys of the metrics feature (issue 4): payloads and results crossing the bridge.
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface MetricsApi {}
