// Resolver keys of the money feature (issue 5): payloads and results crossing the bridge.
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface MoneyApi {}
