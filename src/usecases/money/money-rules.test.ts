// Unit tests of the money use cases' pure parts: spend revisions, alert conditions, the export's CSV.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { dailySpend } from '../../domain/money';
import type { Client } from '../../domain/model';
import type { MoneySnapshot } from '../../storage/ledger.repo';
import { DEFAULT_MONEY_SETTINGS } from '../../storage/money-docs.repo';
import type { ServiceRecord } from '../../storage/records';
import { evaluateAlerts, paidUntilWithOpenFee } from './alerts';
import { bookedNetSpend } from './billing';
import type { MoneyService } from './context';
import { exportToCsv } from './export';
import { spendEntries } from './spend';
import { signPayload } from './webhook';

const ms = (over: Partial<ServiceRecord> = {}): MoneyService => ({
  service: {
    id: 'sv-a', clientId: 'cl-a', type: 'google-ads', name: 'Ads', managerAccountId: 'u-m', headAccountId: 'u-h', team: {}, startDate: '2026-01-01', status: 'active',
    billing: { monthlyFee: '1000.00', commissionPercent: '10', vatRatePercent: '20', prepaidAdBudget: true }, monthlyHourAllowance: 10,
    reportSchedule: { weekly: { enabled: false, weekday: 1 }, monthly: { enabled: false, dayOfMonth: 1 }, autoSend: false },
    createdAt: '', updatedAt: '', setup: { state: 'not-started' }, ...over,
  } as ServiceRecord,
  client: { id: 'cl-a', name: 'A', legal: { legalName: 'A' }, language: 'en', currency: 'UAH', contacts: [], guestAccountIds: [], createdAt: '', updatedAt: '' } as Client,
  currency: 'UAH',
});

const day = (date: string, micros: string) => dailySpend([{ date, costMicros: micros, currency: 'UAH', source: 'google-ads:1' }], { clientCurrency: 'UAH' });

describe('money rules', () => {
  test('should book a new day once, more spend as a revision and less as a wallet correction', () => {
    const first = spendEntries(ms(), day('2026-11-01', '1500000000'), new Map());
    assert.deepEqual(first.map((e) => [e.kind, e.amount.amountMinor]), [['ad-spend', 150000n]]);
    const booked = new Map([['2026-11-01|google-ads:1', { net: 150000n, vat: 0n, revisions: 1 }]]);
    assert.deepEqual(spendEntries(ms(), day('2026-11-01', '1500000000'), booked), []);
    const more = spendEntries(ms(), day('2026-11-01', '1600000000'), booked);
    assert.deepEqual(more.map((e) => [e.kind, e.amount.amountMinor, e.id.endsWith(':r2')]), [['ad-spend', 10000n, true]]);
    const less = spendEntries(ms(), day('2026-11-01', '1400000000'), booked);
    assert.deepEqual(less.map((e) => [e.kind, e.account, e.amount.amountMinor, e.refs.note]), [['adjustment', 'wallet', 10000n, 'spend-correction']]);
    assert.equal(bookedNetSpend('UAH', [...first, ...less]).amountMinor, 140000n);
    // A service that does not prepay: spend is a memo (counted, moves no balance).
    assert.equal(spendEntries(ms({ billing: { monthlyFee: '1', commissionPercent: '0', vatRatePercent: '0', prepaidAdBudget: false } }), day('2026-11-02', '0'), new Map())[0]?.account, 'memo');
  });

  test('should treat the subscription as ending only once a fee invoice is open and due soon', () => {
    const snap: MoneySnapshot = { serviceId: 'sv-a', currency: 'UAH', walletBalance: '100000', feesBalance: '0', spendDays: {}, feePeriods: { '2026-10': 'paid', '2026-11': 'open' }, entryCount: 0, lastEntryDate: null, updatedAt: '' };
    assert.equal(paidUntilWithOpenFee(snap), '2026-10-31');
    const fee = (dueDate: string) => ({ id: 'i', number: 'INV-2026-0001', year: 2026, seq: 1, serviceId: 'sv-a', clientId: 'cl-a', currency: 'UAH', purpose: 'fee' as const, period: '2026-11', issueDate: '2026-11-01', dueDate, lines: [], totals: { net: { amountMinor: 100n, currency: 'UAH' }, vat: { amountMinor: 0n, currency: 'UAH' }, gross: { amountMinor: 100n, currency: 'UAH' } }, status: 'issued' as const, payments: [] });
    const sub = (due: string, today: string) => evaluateAlerts(ms(), snap, [fee(due)], DEFAULT_MONEY_SETTINGS, {}, today).find((a) => a.type === 'subscription-ending');
    assert.equal(sub('2026-11-08', '2026-11-01')?.active, false);
    assert.equal(sub('2026-11-08', '2026-11-04')?.active, true);
  });

  test('should quote CSV cells and neutralise formulas in the export', () => {
    const csv = exportToCsv({ month: '2026-11', generatedAt: '', invoices: [], acts: [], payments: [{ paymentId: 'p', date: '2026-11-01', source: 'bank', client: 'A, "B"', service: 'S', invoiceNumber: null, currency: 'UAH', amount: '-5.00', toWallet: null, toFees: '5.00', payer: '=cmd()', reference: '@x' }] });
    const row = csv.replace(/^\uFEFF/, '').split('\r\n')[1] as string;
    assert.ok(row.includes('"A, ""B"""'));
    assert.ok(row.includes(",-5.00,"), 'negative numbers stay numbers');
    assert.ok(row.includes("'=cmd()") && row.includes("'@x"));
  });

  test('should sign like the provider: HMAC-SHA256 over "<t>.<body>"', () => {
    const expected = createHmac('sha256', 'secret').update('1700000000.{}').digest('hex');
    assert.equal(signPayload('secret', '{}', 1700000000), `t=1700000000,v1=${expected}`);
    assert.notEqual(signPayload('secret', '{}', 1700000000), signPayload('secret', '{ }', 1700000000));
  });
});
