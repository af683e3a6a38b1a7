// Money settings, cost rates and availability: drafts round-trip, untouched parts are kept, and the
// local checks catch what the server would only report as a general failure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgencyMoneySettingsView } from '../../../shared/api-money';
import { capacityDraft, capacityPayload, capacityProblems, moneyDraft, moneyPayload, moneyProblems, parseDays, ratesDraft, ratesPayload, ratesProblems, thresholdsDraft, thresholdsPayload, thresholdsProblems } from './settings-draft';

const settings: AgencyMoneySettingsView = {
  invoicePrefix: 'INV',
  actPrefix: 'ACT',
  paymentTermsDays: 7,
  costRates: { byAccount: { 'u-b': '300', 'u-a': '250.50' }, byRole: { designer: '400' }, default: '200' },
  exchangeRates: { USD: '41.5' },
  alerts: { runwayDays: 5, subscriptionDays: 5, spendTolerancePercent: '15' },
  platformVatRatePercent: '20',
  autoInvoices: { monthlyFee: true, commission: false, topUp: true },
  notifyClientOnOverdue: true,
  issuer: { legalName: 'Agency LLC', taxId: '123' },
};

test('should round-trip money settings and keep the parts the form does not edit', () => {
  assert.deepEqual(moneyPayload(moneyDraft(settings), settings), settings);
  const d = { ...moneyDraft(settings), paymentTermsDays: ' 14 ', platformVatRatePercent: '7,5', issuer: { legalName: ' New ', taxId: '', address: 'Street 1', bankDetails: '' } };
  const p = moneyPayload(d, settings);
  assert.equal(p.paymentTermsDays, 14);
  assert.equal(p.platformVatRatePercent, '7.5');
  assert.deepEqual(p.issuer, { legalName: 'New', address: 'Street 1' });
  assert.deepEqual(p.costRates, settings.costRates);
  assert.deepEqual(p.exchangeRates, settings.exchangeRates);
  assert.deepEqual(moneyProblems(p), {});
});

test('should name bad prefixes, day counts and percentages before sending', () => {
  const d = { ...moneyDraft(settings), invoicePrefix: 'inv-', paymentTermsDays: 'soon', runwayDays: '0', spendTolerancePercent: '150' };
  assert.deepEqual(moneyProblems(moneyPayload(d, settings)), { invoicePrefix: 'prefix', paymentTermsDays: 'days', 'alerts.runwayDays': 'days', 'alerts.spendTolerancePercent': 'percent' });
});

test('should turn rate rows into the cost-rate maps and drop empty ones', () => {
  const d = ratesDraft(settings);
  assert.deepEqual(d.people.map((p) => p.accountId), ['u-a', 'u-b']);
  const edited = { ...d, byRole: { ...d.byRole, copywriter: '150,5', designer: ' ' }, people: [...d.people, { accountId: 'u-c', rate: '' }] };
  const p = ratesPayload(edited, settings);
  assert.deepEqual(p.costRates, { byAccount: { 'u-a': '250.50', 'u-b': '300' }, byRole: { copywriter: '150.5' }, default: '200' });
  assert.equal(p.invoicePrefix, 'INV');
  assert.deepEqual(ratesProblems(edited), {});
  assert.deepEqual(ratesProblems({ ...d, default: 'x', people: [{ accountId: 'u-a', rate: '-1' }, { accountId: 'u-a', rate: '1' }] }), { 'costRates.default': 'decimal', 'people.0.rate': 'decimal', 'people.1.accountId': 'duplicate' });
});

test('should parse days off and holidays from free text, sorted and once each', () => {
  assert.deepEqual(parseDays('2026-12-31, 2026-12-24\n2026-12-31;'), ['2026-12-24', '2026-12-31']);
  const s = { defaultHoursPerDay: 8, people: [{ accountId: 'u-a', role: 'designer' as const, daysOff: ['2026-12-01'], workingWeekdays: [1, 2, 3] }], publicHolidays: ['2026-12-25'] };
  assert.deepEqual(capacityPayload(capacityDraft(s)), s);
  const d = { ...capacityDraft(s), defaultHoursPerDay: '7.5', people: [{ accountId: 'u-b', role: '' as const, hoursPerDay: '6', daysOff: '' }, { accountId: '', role: '' as const, hoursPerDay: '', daysOff: '' }] };
  assert.deepEqual(capacityPayload(d), { defaultHoursPerDay: 7.5, people: [{ accountId: 'u-b', hoursPerDay: 6 }], publicHolidays: ['2026-12-25'] });
  assert.deepEqual(capacityProblems({ ...d, defaultHoursPerDay: '25', publicHolidays: '25.12.2026', people: [{ accountId: 'u-b', role: '', hoursPerDay: 'x', daysOff: 'tomorrow' }] }), {
    defaultHoursPerDay: 'hours',
    publicHolidays: 'date',
    'people.0.hoursPerDay': 'hours',
    'people.0.daysOff': 'date',
  });
});

test('should send only the service thresholds that are typed, and check them before sending', () => {
  const d = thresholdsDraft({ lowBalanceThreshold: '5000', runwayDays: 7 });
  assert.equal(d.monthlyAdBudget, '');
  assert.equal(d.runwayDays, '7');
  const p = thresholdsPayload({ ...d, monthlyAdBudget: '120000,50', spendTolerancePercent: ' ' });
  assert.deepEqual(p, { lowBalanceThreshold: '5000', monthlyAdBudget: '120000.50', runwayDays: 7 });
  assert.deepEqual(thresholdsProblems(p), {});
  assert.deepEqual(thresholdsProblems(thresholdsPayload({ ...d, topUpAmount: '-5', runwayDays: '120', spendTolerancePercent: '101' })), {
    'settings.topUpAmount': 'decimal',
    'settings.runwayDays': 'days',
    'settings.spendTolerancePercent': 'percent',
  });
});
