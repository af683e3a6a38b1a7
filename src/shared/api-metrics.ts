// Resolver keys of the metrics feature (issue 4): payloads and results crossing the bridge.
// Credentials go in (write-only) and never come back: views only say which fields are stored.
import type { ConnectionSettings, DailyRow, MetricSource } from '../connectors/metrics/types';
import type { SourceAggregate } from '../domain/kpi/aggregates';

export type ConnectionStatus = 'active' | 'auth-expired' | 'revoked' | 'error';

/** Secret fields an admin may enter; each is stored as a KVS secret and never returned. */
export interface ConnectionCredentialsInput {
  accessToken?: string;
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
  developerToken?: string;
  apiKey?: string;
  userId?: string;
}

export interface SyncRunView {
  at: string;
  mode: 'daily' | 'hourly' | 'manual' | 'backfill';
  from: string;
  to: string;
  outcome: 'ok' | 'error' | 'auth-expired' | 'quota' | 'not-ready';
  rows: number;
  /** Scrubbed message of a failure. */
  message?: string;
  code?: string;
}

export interface BackfillProgress {
  state: 'pending' | 'running' | 'done';
  fromMonth: string | null;
  toMonth: string | null;
  monthsDone: number;
  monthsTotal: number;
}

export interface ConnectionView {
  id: string;
  serviceId: string;
  serviceName: string;
  clientName: string;
  source: MetricSource;
  label: string | null;
  accountId: string;
  accountName: string | null;
  timeZone: string | null;
  currency: string | null;
  settings: ConnectionSettings;
  status: ConnectionStatus;
  statusReason: string | null;
  /** Names of the stored credential fields (never values); null for viewers who may not manage credentials. */
  credentialFields: string[] | null;
  /** Credential fields still needed for this source. */
  missingCredentials: string[];
  backfillMonths: number;
  backfill: BackfillProgress;
  lastRun: SyncRunView | null;
  lastSuccess: SyncRunView | null;
  lastError: SyncRunView | null;
  syncedThrough: string | null;
  pausedUntil: string | null;
  /** The open reconnect issue, if access expired. */
  alertIssueKey: string | null;
  createdAt: string;
}

export interface ConnectionSaveInput {
  /** Absent: create. */
  id?: string;
  serviceId: string;
  source: MetricSource;
  label?: string;
  account: { accountId: string; timeZone?: string; currency?: string; settings?: ConnectionSettings };
  /** Write-only. On create, the fields the source needs; on update, absent keeps the stored ones. */
  credentials?: ConnectionCredentialsInput;
  /** Months of history to pull (default: the agency's metrics setting, 13). */
  backfillMonths?: number;
}

export interface ConnectionTestResult {
  ok: boolean;
  /** What the source says about the account (name, zone, currency), when it says. */
  account: { accountId: string; name: string | null; timeZone: string | null; currency: string | null } | null;
  message: string | null;
  status: ConnectionStatus;
}

export interface SourceSyncStatus {
  source: MetricSource;
  connections: Array<{ id: string; accountId: string; status: ConnectionStatus }>;
  lastSuccessAt: string | null;
  lastSuccess: SyncRunView | null;
  lastError: SyncRunView | null;
  /** Rows written by the last successful run. */
  rows: number;
  /** Rows stored for the current month (every grain). */
  monthRows: number;
  syncedThrough: string | null;
  backfill: BackfillProgress;
  pausedUntil: string | null;
}

export interface SyncStatusView {
  serviceId: string;
  month: string;
  sources: SourceSyncStatus[];
}

export interface MetricsSettingsView {
  backfillMonths: number;
  spendRefreshHours: number;
}

export interface ServiceMonthMetrics {
  serviceId: string;
  month: string;
  /** Monthly aggregate per source (same rules as the KPI domain). */
  bySource: Partial<Record<MetricSource, { aggregate: SourceAggregate; storedRows: number; lastDate: string | null; updatedAt: string }>>;
  /** The month's rows, when asked for (optionally one source). */
  rows?: DailyRow[];
}

export interface CsvUploadInput {
  serviceId: string;
  fileName: string;
  /** The file's text (UTF-8). */
  content: string;
  /** Which account the rows belong to (default "csv"); rows replace that account's days only. */
  accountId?: string;
  /** ISO 4217, when the file has no currency column. */
  currency?: string;
  /** Validate and preview without storing. */
  preview?: boolean;
}

export interface CsvUploadRecord {
  at: string;
  byAccountId: string;
  fileName: string;
  accountId: string;
  rows: number;
  from: string;
  to: string;
  months: string[];
}

export interface CsvUploadResult {
  serviceId: string;
  fileName: string;
  /** True only when every line was valid and the rows were stored. */
  stored: boolean;
  rows: number;
  from: string | null;
  to: string | null;
  months: string[];
  /** Every problem by line (line 0 = the file as a whole); nothing is stored when there are any. */
  issues: Array<{ line: number; field?: string; message: string }>;
  preview: DailyRow[];
}

export interface MetricsApi {
  'connections/list': { payload: { serviceId?: string }; result: ConnectionView[] };
  'connections/save': { payload: ConnectionSaveInput; result: ConnectionView };
  'connections/delete': { payload: { id: string }; result: { id: string } };
  'connections/test': { payload: { id: string }; result: ConnectionTestResult };
  'sync/status': { payload: { serviceId: string }; result: SyncStatusView };
  'sync/runNow': { payload: { serviceId: string; source?: MetricSource }; result: { queued: number } };
  'metrics/settings/get': { payload: Record<string, never>; result: MetricsSettingsView };
  'metrics/settings/save': { payload: MetricsSettingsView; result: MetricsSettingsView };
  'metrics/csv/upload': { payload: CsvUploadInput; result: CsvUploadResult };
  'metrics/csv/history': { payload: { serviceId: string }; result: CsvUploadRecord[] };
  'metrics/month': { payload: { serviceId: string; month: string; rows?: boolean; source?: MetricSource }; result: ServiceMonthMetrics };
}
