// The connection form's state and its translation to 'connections/save' (pure, unit-tested).
// Secret fields start empty and stay write-only: an empty field means "keep what is stored".
import type { ConnectionSettings, MetricSource } from '../../../connectors/metrics/types';
import type { ConnectionCredentialsInput, ConnectionSaveInput, ConnectionStatus, ConnectionView } from '../../../shared/api-metrics';

/** Sources an admin connects (CSV rows are uploaded, not synced). */
export const CONNECTABLE_SOURCES = ['google-ads', 'yandex-direct', 'yandex-metrica', 'ga4', 'search-console', 'meta', 'topvisor', 'yandex-webmaster'] as const satisfies readonly MetricSource[];
export type ConnectableSource = (typeof CONNECTABLE_SOURCES)[number];

export type CredentialField = keyof ConnectionCredentialsInput;

const GOOGLE: CredentialField[] = ['clientId', 'clientSecret', 'refreshToken'];
const YANDEX: CredentialField[] = ['accessToken', 'clientId', 'clientSecret', 'refreshToken'];

/** The secret fields the form offers per source (the backend says which complete set it needs). */
export const CREDENTIAL_FIELDS: Readonly<Record<ConnectableSource, readonly CredentialField[]>> = {
  'google-ads': [...GOOGLE, 'developerToken'],
  ga4: GOOGLE,
  'search-console': GOOGLE,
  'yandex-direct': YANDEX,
  'yandex-metrica': YANDEX,
  meta: ['accessToken'],
  topvisor: ['apiKey', 'userId'],
  'yandex-webmaster': YANDEX,
};

const ALL_CREDENTIAL_FIELDS: readonly CredentialField[] = ['accessToken', 'refreshToken', 'clientId', 'clientSecret', 'developerToken', 'apiKey', 'userId'];

export function isCredentialField(name: string): name is CredentialField {
  return (ALL_CREDENTIAL_FIELDS as readonly string[]).includes(name);
}

/** A field name from the server, in words when we know it. */
export function credentialLabel(i18n: { t(key: `admin.conn.cred.${CredentialField}`): string }, name: string): string {
  return isCredentialField(name) ? i18n.t(`admin.conn.cred.${name}`) : name;
}

// Product names stay as their makers spell them, in every language; only the CSV upload is words.
const BRAND: Readonly<Partial<Record<MetricSource, string>>> = {
  'google-ads': 'Google Ads',
  'yandex-direct': 'Yandex Direct',
  'yandex-metrica': 'Yandex Metrica',
  ga4: 'Google Analytics 4',
  'search-console': 'Google Search Console',
  meta: 'Meta Ads',
  topvisor: 'Topvisor',
  'yandex-webmaster': 'Yandex Webmaster',
};

export function sourceName(i18n: { t(key: 'admin.source.csv'): string }, s: MetricSource): string {
  // A source added later than this list shows its id until it gets a name here.
  return s === 'csv' ? i18n.t('admin.source.csv') : (BRAND[s] ?? s);
}

export interface ConnectionDraft {
  id?: string;
  serviceId: string;
  source: ConnectableSource;
  label: string;
  accountId: string;
  timeZone: string;
  currency: string;
  backfillMonths: string;
  /** Comma-separated ids (Metrica goals for Direct/Metrica). */
  goalIds: string;
  includeVat: boolean;
  loginCustomerId: string;
  /** Comma-separated region indexes (Topvisor). */
  regionIndexes: string;
  /** Typed secrets; never filled from the server. */
  secrets: Partial<Record<CredentialField, string>>;
}

export function isConnectable(s: MetricSource): s is ConnectableSource {
  return (CONNECTABLE_SOURCES as readonly string[]).includes(s);
}

export function newDraft(serviceId: string, source: ConnectableSource = 'google-ads'): ConnectionDraft {
  return { serviceId, source, label: '', accountId: '', timeZone: '', currency: '', backfillMonths: '', goalIds: '', includeVat: true, loginCustomerId: '', regionIndexes: '', secrets: {} };
}

/** A draft for editing: account and settings come back, secrets never do. */
export function draftFromView(v: ConnectionView): ConnectionDraft {
  const source = isConnectable(v.source) ? v.source : 'google-ads';
  const s = v.settings;
  return {
    id: v.id,
    serviceId: v.serviceId,
    source,
    label: v.label ?? '',
    accountId: v.accountId,
    timeZone: v.timeZone ?? '',
    currency: v.currency ?? '',
    backfillMonths: String(v.backfillMonths),
    goalIds: (s.goalIds ?? []).join(', '),
    includeVat: s.includeVat ?? true,
    loginCustomerId: s.loginCustomerId ?? '',
    regionIndexes: (s.regionIndexes ?? []).join(', '),
    secrets: {},
  };
}

const list = (text: string): string[] =>
  text
    .split(/[,\s]+/)
    .map((x) => x.trim())
    .filter((x) => x.length > 0);

function settingsOf(d: ConnectionDraft): ConnectionSettings | undefined {
  const out: ConnectionSettings = {};
  if ((d.source === 'yandex-direct' || d.source === 'yandex-metrica') && d.goalIds.trim()) out.goalIds = list(d.goalIds);
  if (d.source === 'yandex-direct') out.includeVat = d.includeVat;
  if (d.source === 'google-ads' && d.loginCustomerId.trim()) out.loginCustomerId = d.loginCustomerId.trim();
  if (d.source === 'topvisor' && d.regionIndexes.trim()) {
    // Not a number stays as NaN: the backend refuses it with a field message rather than us guessing.
    out.regionIndexes = list(d.regionIndexes).map((x) => (/^\d+$/.test(x) ? Number(x) : Number.NaN));
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Only the secret fields the person typed (offered for this source); none → undefined (keep stored). */
export function credentialsOf(d: ConnectionDraft): ConnectionCredentialsInput | undefined {
  const out: ConnectionCredentialsInput = {};
  for (const f of CREDENTIAL_FIELDS[d.source]) {
    const v = d.secrets[f]?.trim();
    if (v) out[f] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function toSaveInput(d: ConnectionDraft): ConnectionSaveInput {
  const settings = settingsOf(d);
  const credentials = credentialsOf(d);
  const months = d.backfillMonths.trim();
  return {
    ...(d.id ? { id: d.id } : {}),
    serviceId: d.serviceId,
    source: d.source,
    ...(d.label.trim() ? { label: d.label.trim() } : {}),
    account: {
      accountId: d.accountId.trim(),
      ...(d.timeZone.trim() ? { timeZone: d.timeZone.trim() } : {}),
      ...(d.currency.trim() ? { currency: d.currency.trim().toUpperCase() } : {}),
      ...(settings ? { settings } : {}),
    },
    ...(credentials ? { credentials } : {}),
    // A non-number is sent as NaN so the backend's field message explains it.
    ...(months ? { backfillMonths: /^\d+$/.test(months) ? Number(months) : Number.NaN } : {}),
  };
}

export type HealthTone = 'success' | 'warning' | 'danger' | 'neutral';

/** How a connection's status reads in the list. */
export function statusTone(status: ConnectionStatus): HealthTone {
  switch (status) {
    case 'active':
      return 'success';
    case 'auth-expired':
      return 'warning';
    case 'revoked':
    case 'error':
      return 'danger';
  }
}
