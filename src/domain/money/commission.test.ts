import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CurrencyMismatchError, MissingExchangeRateError, SpendRowError } from './errors';
import { type SpendRow, commissionForPeriod, dailySpend } from './commission';
import { formatMoney } from './money';

describe('commission on ad spend', () => {
  test('should sum micros per day before rounding, then take the percent of net spend', () => {
    const rows: SpendRow[] = [
      { date: '2026-03-01', costMicros: '16400000', currency: 'USD' },
      { date: '2026-03-01', costMicros: '1234567', currency: 'USD' },
      { date: '2026-03-02', costMicros: '5000', currency: 'USD' },
    ];
    const r = commissionForPeriod(rows, { clientCurrency: 'USD', commissionPercent: '10', period: '2026-03' });
    assert.deepEqual(r.days.map((d) => [d.date, formatMoney(d.netClient)]), [
      ['2026-03-01', '17.63'], // 17.634567
      ['2026-03-02', '0.01'], // 0.005 → half-up
    ]);
    assert.equal(formatMoney(r.netSpend), '17.64');
    assert.equal(formatMoney(r.commission), '1.76'); // 1.764
  });
  test('should take VAT out of VAT-included spend before the commission', () => {
    const rows: SpendRow[] = [{ date: '2026-03-01', costMicros: 2160000000n, currency: 'RUB', vatIncluded: true, source: 'yandex-direct:kava' }];
    const r = commissionForPeriod(rows, { clientCurrency: 'RUB', commissionPercent: '15', includedVatRatePercent: '20' });
    const [day] = r.days;
    assert.equal(day && formatMoney(day.gross), '2160.00');
    assert.equal(day && formatMoney(day.net), '1800.00');
    assert.equal(day?.source, 'yandex-direct:kava');
    assert.equal(formatMoney(r.spendVat), '360.00');
    assert.equal(formatMoney(r.commission), '270.00');
    // A row's own rate wins over the default (2026: 22 %).
    const r22 = commissionForPeriod([{ ...rows[0]!, vatRatePercent: '22' }], { clientCurrency: 'RUB', commissionPercent: '15', includedVatRatePercent: '20' });
    assert.equal(formatMoney(r22.netSpend), '1770.49'); // 2160 − round(389.508…)
  });
  test('should refuse spend in another currency unless a rate is given', () => {
    const rows: SpendRow[] = [{ date: '2026-03-01', costMicros: '17630000', currency: 'USD' }];
    assert.throws(() => commissionForPeriod(rows, { clientCurrency: 'UAH', commissionPercent: '10' }), (e: unknown) => {
      assert.ok(e instanceof MissingExchangeRateError && e instanceof CurrencyMismatchError);
      assert.equal(e.expected, 'UAH');
      assert.equal(e.actual, 'USD');
      return true;
    });
    const r = commissionForPeriod(rows, { clientCurrency: 'UAH', commissionPercent: '10', rates: { USD: '41.25' } });
    assert.equal(formatMoney(r.netSpend), '727.24'); // 17.63 × 41.25 = 727.2375
    assert.equal(r.days[0]?.rate, '41.25');
    assert.equal(formatMoney(r.commission), '72.72'); // 72.724
  });
  test('should reject bad rows with their index', () => {
    const ok: SpendRow = { date: '2026-03-01', costMicros: '1', currency: 'USD' };
    const opts = { clientCurrency: 'USD', commissionPercent: '10', period: '2026-03' };
    const bad: SpendRow[] = [
      { ...ok, date: '2026-04-01' },
      { ...ok, costMicros: '-5' },
      { ...ok, costMicros: '1.5' },
      { ...ok, vatIncluded: true },
      { ...ok, date: '2026-03-32' },
      { ...ok, currency: null },
    ];
    for (const row of bad) {
      assert.throws(() => commissionForPeriod([ok, row], opts), (e: unknown) => e instanceof SpendRowError && e.index === 1, JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
    }
    assert.throws(() => commissionForPeriod([ok], { ...opts, commissionPercent: '101' }));
  });
  test('property: how a day is split into rows does not change the result', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 10n }), { minLength: 1, maxLength: 12 }), (parts) => {
        const total = parts.reduce((a, b) => a + b, 0n);
        const opts = { clientCurrency: 'UAH', commissionPercent: '7.5' };
        const many = commissionForPeriod(parts.map((p) => ({ date: '2026-03-05', costMicros: p, currency: 'UAH' })), opts);
        const one = commissionForPeriod([{ date: '2026-03-05', costMicros: total, currency: 'UAH' }], opts);
        assert.deepEqual(many.netSpend, one.netSpend);
        assert.deepEqual(many.commission, one.commission);
        // Commission is the exact percent of net spend, rounded half-up: |c·1000 − net·75| ≤ 500.
        const diff = many.commission.amountMinor * 1000n - many.netSpend.amountMinor * 75n;
        assert.ok(diff <= 500n && diff >= -500n);
      }),
      { numRuns: 200 },
    );
  });
  test('should skip rows without cost data and zero rows of unknown currency', () => {
    const r = commissionForPeriod(
      [
        { date: '2026-03-01', costMicros: null, currency: null },
        { date: '2026-03-02', costMicros: '0', currency: null, vatIncluded: null },
        { date: '2026-03-03', costMicros: '1000000', currency: 'UAH', vatIncluded: null },
      ],
      { clientCurrency: 'UAH', commissionPercent: '10' },
    );
    assert.deepEqual(r.days.map((d) => [d.date, formatMoney(d.netClient)]), [['2026-03-03', '1.00']]);
  });
  test('should keep days of different sources apart', () => {
    const days = dailySpend(
      [
        { date: '2026-03-01', costMicros: '5000', currency: 'UAH', source: 'b' },
        { date: '2026-03-01', costMicros: '5000', currency: 'UAH', source: 'a' },
      ],
      { clientCurrency: 'UAH' },
    );
    assert.deepEqual(days.map((d) => [d.source, formatMoney(d.netClient)]), [
      ['a', '0.01'],
      ['b', '0.01'],
    ]);
  });
});
