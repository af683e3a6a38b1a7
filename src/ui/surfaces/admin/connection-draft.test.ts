// The connection form sends only what the person typed: secrets are never pre-filled, empty ones
// keep the stored values, and settings go only to the source that reads them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConnectionView } from '../../../shared/api-metrics';
import { credentialLabel, credentialsOf, draftFromView, newDraft, sourceName, statusTone, toSaveInput } from './connection-draft';

const view: ConnectionView = {
  id: 'cn-abc',
  serviceId: 'sv-1',
  serviceName: 'Direct',
  clientName: 'Acme',
  source: 'yandex-direct',
  label: 'Main',
  accountId: 'acme-login',
  accountName: null,
  timeZone: 'Europe/Moscow',
  currency: 'RUB',
  settings: { includeVat: false, goalIds: ['1', '22'] },
  status: 'auth-expired',
  statusReason: 'token expired',
  credentialFields: ['accessToken'],
  missingCredentials: [],
  backfillMonths: 13,
  backfill: { state: 'done', fromMonth: '2025-10', toMonth: '2026-11', monthsDone: 13, monthsTotal: 13 },
  lastRun: null,
  lastSuccess: null,
  lastError: null,
  syncedThrough: null,
  pausedUntil: null,
  alertIssueKey: null,
  createdAt: '2026-11-01T00:00:00Z',
};

test('should keep stored credentials when an edit leaves every secret empty', () => {
  const d = draftFromView(view);
  assert.deepEqual(d.secrets, {});
  const input = toSaveInput({ ...d, secrets: { accessToken: '   ' } });
  assert.equal('credentials' in input, false);
  assert.equal(input.id, 'cn-abc');
  assert.deepEqual(input.account, { accountId: 'acme-login', timeZone: 'Europe/Moscow', currency: 'RUB', settings: { goalIds: ['1', '22'], includeVat: false } });
  assert.equal(input.backfillMonths, 13);
});

test('should send only the typed secrets the source offers when a connection is created', () => {
  const d = { ...newDraft('sv-2', 'google-ads'), accountId: ' 123-456-7890 ', currency: 'usd', secrets: { clientId: 'cid', clientSecret: 'sec', refreshToken: 'r1', apiKey: 'not-for-google', developerToken: '' } };
  assert.deepEqual(credentialsOf(d), { clientId: 'cid', clientSecret: 'sec', refreshToken: 'r1' });
  const input = toSaveInput(d);
  assert.equal('id' in input, false);
  assert.deepEqual(input.account, { accountId: '123-456-7890', currency: 'USD' });
  assert.equal('backfillMonths' in input, false);
});

test('should pass settings to the source that reads them and leave bad numbers for the server to refuse', () => {
  const tv = toSaveInput({ ...newDraft('sv-3', 'topvisor'), accountId: '77', regionIndexes: '2, 5 x', goalIds: '9', backfillMonths: 'many' });
  assert.equal(tv.account.settings?.goalIds, undefined);
  assert.deepEqual(tv.account.settings?.regionIndexes?.slice(0, 2), [2, 5]);
  assert.ok(Number.isNaN(tv.account.settings?.regionIndexes?.[2]));
  assert.ok(Number.isNaN(tv.backfillMonths));
  const ads = toSaveInput({ ...newDraft('sv-3', 'google-ads'), accountId: '1', loginCustomerId: '111-222-3333', goalIds: '5' });
  assert.deepEqual(ads.account.settings, { loginCustomerId: '111-222-3333' });
});

test('should name sources and fields and map status to a tone', () => {
  const i18n = { t: (k: string) => `[${k}]` };
  assert.equal(sourceName(i18n, 'csv'), '[admin.source.csv]');
  assert.equal(sourceName(i18n, 'ga4'), 'Google Analytics 4');
  assert.equal(credentialLabel(i18n, 'refreshToken'), '[admin.conn.cred.refreshToken]');
  assert.equal(credentialLabel(i18n, 'somethingNew'), 'somethingNew');
  assert.deepEqual((['active', 'auth-expired', 'revoked', 'error'] as const).map(statusTone), ['success', 'warning', 'danger', 'danger']);
});
