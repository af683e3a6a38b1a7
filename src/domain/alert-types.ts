// The money conditions the app raises alerts for (no dependencies, so the UI can list them too).
export const MONEY_ALERT_TYPES = ['low-balance', 'runway-below', 'subscription-ending', 'invoice-overdue', 'overspend', 'underspend', 'ads-stopped'] as const;
export type MoneyAlertKind = (typeof MONEY_ALERT_TYPES)[number];
