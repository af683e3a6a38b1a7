import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CurrencyMismatchError, LedgerEntryError } from './errors';
import {
  type LedgerEntry,
  type LedgerRollup,
  adSpend,
  adjustment,
  applyEntry,
  commissionAccrual,
  emptyRollup,
  feeAccrual,
  groupRollups,
  idempotencyKey,
  isKeySafe,
  ledgerEntryFromJson,
  ledgerEntryToJson,
  mergeEntries,
  paymentEntry,
  refund,
  rollupFromEntries,
  rollupKey,
} from './ledger';
import { type Money, money, parseMoney } from './money';

const m = (text: string): Money => parseMoney(text, 'UAH');
const SV = 'sv-kava';
const KEY = { serviceId: SV, period: '2026-03', currency: 'UAH' };

function scenario(): LedgerEntry[] {
  return [
    feeAccrual({ serviceId: SV, period: '2026-03', date: '2026-03-01', amount: m('1500'), vat: m('300'), invoiceId: 'inv-1' }),
    paymentEntry({
      serviceId: SV,
      period: '2026-03',
      date: '2026-03-03',
      paymentId: 'bp-1',
      amount: m('6800'),
      split: { wallet: m('5000'), fees: m('1800') },
    }),
    adSpend({ serviceId: SV, day: '2026-03-04', amount: m('1000.00'), vat: m('200.00'), source: 'yandex-direct:client-login' }),
    adSpend({ serviceId: SV, day: '2026-03-05', amount: m('833.33'), vat: m('166.67') }),
    commissionAccrual({ serviceId: SV, period: '2026-03', date: '2026-03-31', amount: m('183.33'), vat: m('36.67') }),
    refund({ serviceId: SV, period: '2026-03', date: '2026-03-20', refundId: 'rf-1', account: 'wallet', amount: m('100') }),
    adjustment({ serviceId: SV, period: '2026-03', date: '2026-03-21', adjustmentId: 'adj-1', account: 'fees', amount: m('10'), note: 'goodwill' }),
  ];
}

describe('idempotency keys', () => {
  test('should build readable keys from kind, service and parts', () => {
    assert.equal(idempotencyKey('fee-accrual', 'sv-kava', '2026-03'), 'fee-accrual:sv-kava:2026-03');
    assert.equal(scenario()[2]?.id, 'ad-spend:sv-kava:2026-03-04:yandex-direct#3Aclient-login');
  });
  test('should escape anything outside the KVS-safe set, including the separator', () => {
    const k = idempotencyKey('payment', 'sv-a', 'Оплата №7: 1 500,00');
    assert.ok(isKeySafe(k), k);
    assert.notEqual(idempotencyKey('payment', 'sv-a', 'a:b'), idempotencyKey('payment', 'sv-a', 'a', 'b'));
  });
  test('property: keys are deterministic, KVS-safe and distinct for distinct inputs', () => {
    const parts = fc.array(fc.string({ maxLength: 12, unit: 'grapheme' }), { maxLength: 3 });
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), parts, parts, (sv, a, b) => {
        const ka = idempotencyKey('adjustment', sv, ...a);
        assert.ok(isKeySafe(ka), ka);
        assert.equal(ka, idempotencyKey('adjustment', sv, ...a));
        if (JSON.stringify(a) !== JSON.stringify(b)) assert.notEqual(ka, idempotencyKey('adjustment', sv, ...b));
      }),
      { numRuns: 300 },
    );
  });
  test('should cap long keys with a hash and stay deterministic', () => {
    const long = 'x'.repeat(600);
    const k = idempotencyKey('payment', 'sv-a', long);
    assert.ok(k.length <= 200 && isKeySafe(k));
    assert.equal(k, idempotencyKey('payment', 'sv-a', long));
    assert.notEqual(k, idempotencyKey('payment', 'sv-a', `${long}y`));
  });
});

describe('rollup of a hand-checked month', () => {
  test('should total fees, spend, payments and both balances', () => {
    const r = rollupFromEntries(KEY, scenario());
    assert.equal(r.feesAccrued, '150000');
    assert.equal(r.commissionAccrued, '18333');
    assert.equal(r.vatAccrued, '33667'); // 300.00 + 36.67
    assert.equal(r.spend, '183333');
    assert.equal(r.spendVat, '36667');
    assert.equal(r.paymentsReceived, '680000');
    assert.equal(r.paymentsToWallet, '500000');
    assert.equal(r.paymentsToFees, '180000');
    assert.equal(r.refunds, '10000');
    assert.equal(r.adjustments, '1000');
    // Wallet: +5000 − 1200 − 1000 − 100 = 2700.
    assert.equal(r.walletCredits, '500000');
    assert.equal(r.walletDebits, '230000');
    assert.equal(r.walletBalanceDelta, '270000');
    // Fees: +1800 + 10 − 1800 − 220 = −210 (the client owes the commission with VAT, less the goodwill).
    assert.equal(r.feesBalanceDelta, '-21000');
    assert.equal(r.entryCount, 7);
    assert.equal(r.lastEntryDate, '2026-03-31');
  });
  test('should keep the rollup JSON-friendly (strings and numbers only)', () => {
    const r = rollupFromEntries(KEY, scenario());
    assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
    assert.equal(rollupKey(SV, '2026-03'), 'rollup:sv-kava:2026-03');
  });
  test('should round-trip entries through JSON', () => {
    for (const e of scenario()) assert.deepEqual(ledgerEntryFromJson(JSON.parse(JSON.stringify(ledgerEntryToJson(e)))), e);
  });
});

describe('bad entries', () => {
  test('should refuse negative accruals, zero payments and unbalanced splits', () => {
    assert.throws(() => feeAccrual({ serviceId: SV, period: '2026-03', date: '2026-03-01', amount: m('-1') }), LedgerEntryError);
    assert.throws(
      () => paymentEntry({ serviceId: SV, period: '2026-03', date: '2026-03-01', paymentId: 'p', amount: m('0'), split: { wallet: m('0'), fees: m('0') } }),
      LedgerEntryError,
    );
    assert.throws(
      () => paymentEntry({ serviceId: SV, period: '2026-03', date: '2026-03-01', paymentId: 'p', amount: m('10'), split: { wallet: m('5'), fees: m('4') } }),
      LedgerEntryError,
    );
    assert.throws(() => feeAccrual({ serviceId: SV, period: '2026-13', date: '2026-03-01', amount: m('1') }), LedgerEntryError);
    assert.throws(() => adSpend({ serviceId: SV, day: '2026-02-30', amount: m('1') }), LedgerEntryError);
  });
  test('should refuse a VAT in another currency and an entry for another rollup', () => {
    assert.throws(
      () => feeAccrual({ serviceId: SV, period: '2026-03', date: '2026-03-01', amount: m('1'), vat: money(20n, 'USD') }),
      CurrencyMismatchError,
    );
    const e = feeAccrual({ serviceId: SV, period: '2026-04', date: '2026-04-01', amount: m('1') });
    assert.throws(() => applyEntry(emptyRollup(SV, '2026-03', 'UAH'), e), LedgerEntryError);
    assert.throws(() => applyEntry(emptyRollup(SV, '2026-04', 'USD'), e), CurrencyMismatchError);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const arbAmount = fc.bigInt({ min: 1n, max: 10n ** 9n });
const arbSpec = fc.record({
  kind: fc.constantFrom('fee-accrual', 'commission-accrual', 'ad-spend', 'payment', 'adjustment', 'refund'),
  amount: arbAmount,
  vatPercent: fc.integer({ min: 0, max: 25 }),
  toWalletPercent: fc.integer({ min: 0, max: 100 }),
  account: fc.constantFrom('wallet' as const, 'fees' as const),
  negative: fc.boolean(),
  memo: fc.boolean(),
  day: fc.integer({ min: 1, max: 31 }),
});
type Spec = typeof arbSpec extends fc.Arbitrary<infer T> ? T : never;

function build(s: Spec, i: number): LedgerEntry {
  const base = { serviceId: SV, period: '2026-03', date: `2026-03-${String(s.day).padStart(2, '0')}` };
  const amount = money(s.amount, 'UAH');
  const vat = money((s.amount * BigInt(s.vatPercent)) / 100n, 'UAH');
  switch (s.kind) {
    case 'fee-accrual':
      return { ...feeAccrual({ ...base, amount, vat }), id: `fee-accrual:${SV}:${i}` };
    case 'commission-accrual':
      return commissionAccrual({ ...base, amount, vat, revision: i + 2 });
    case 'ad-spend':
      return adSpend({ serviceId: SV, day: base.date, amount, vat, source: `src-${i}`, account: s.memo ? 'memo' : 'wallet' });
    case 'payment': {
      const wallet = (s.amount * BigInt(s.toWalletPercent)) / 100n;
      return paymentEntry({ ...base, paymentId: `p-${i}`, amount, split: { wallet: money(wallet, 'UAH'), fees: money(s.amount - wallet, 'UAH') } });
    }
    case 'refund':
      return refund({ ...base, refundId: `r-${i}`, account: s.account, amount });
    default:
      return adjustment({ ...base, adjustmentId: `a-${i}`, account: s.account, amount: money(s.negative ? -s.amount : s.amount, 'UAH') });
  }
}

const arbEntries = fc.array(arbSpec, { maxLength: 40 }).map((specs) => specs.map(build));

/** An independent reference: credits and debits of the wallet by kind. */
function walletCreditsDebits(entries: LedgerEntry[]): { credits: bigint; debits: bigint } {
  let credits = 0n;
  let debits = 0n;
  for (const e of entries) {
    const gross = e.amount.amountMinor + (e.vat?.amountMinor ?? 0n);
    if (e.kind === 'payment') credits += e.split?.wallet.amountMinor ?? 0n;
    else if (e.kind === 'ad-spend' && e.account !== 'memo') debits += gross;
    else if (e.kind === 'refund' && e.account === 'wallet') debits += gross;
    else if (e.kind === 'adjustment' && e.account === 'wallet') {
      if (gross > 0n) credits += gross;
      else debits -= gross;
    }
  }
  return { credits, debits };
}

const fold = (entries: LedgerEntry[]): LedgerRollup => entries.reduce(applyEntry, emptyRollup(SV, '2026-03', 'UAH'));

describe('ledger invariants', () => {
  test('property: wallet balance = credits − debits, fees balance likewise', () => {
    fc.assert(
      fc.property(arbEntries, (entries) => {
        const r = rollupFromEntries(KEY, entries);
        const { credits, debits } = walletCreditsDebits(entries);
        assert.equal(r.walletCredits, credits.toString());
        assert.equal(r.walletDebits, debits.toString());
        assert.equal(BigInt(r.walletBalanceDelta), credits - debits);
        assert.equal(BigInt(r.feesBalanceDelta), BigInt(r.feesCredits) - BigInt(r.feesDebits));
        // Every amount field is the sum of its entries: payments split exactly.
        assert.equal(BigInt(r.paymentsReceived), BigInt(r.paymentsToWallet) + BigInt(r.paymentsToFees));
        assert.equal(r.entryCount, entries.length);
      }),
      { numRuns: 200 },
    );
  });
  test('property: the rollup is the same fold in any order', () => {
    fc.assert(
      fc.property(
        arbEntries.chain((es) => fc.tuple(fc.constant(es), fc.shuffledSubarray(es, { minLength: es.length, maxLength: es.length }))),
        ([entries, shuffled]) => {
          assert.deepEqual(fold(shuffled), fold(entries));
          assert.deepEqual(rollupFromEntries(KEY, entries), fold(entries));
        },
      ),
      { numRuns: 200 },
    );
  });
  test('property: replayed entries are refused by mergeEntries and change nothing', () => {
    fc.assert(
      fc.property(arbEntries, fc.array(fc.nat(), { maxLength: 20 }), (entries, picks) => {
        fc.pre(entries.length > 0);
        // The same entries delivered again (at-least-once), interleaved.
        const delivered = [...entries, ...picks.map((p) => entries[p % entries.length] as LedgerEntry)];
        let keys: ReadonlySet<string> = new Set();
        let rollup = emptyRollup(SV, '2026-03', 'UAH');
        let refused = 0;
        for (const e of delivered) {
          const res = mergeEntries(keys, e);
          if (!res.accepted) {
            refused += 1;
            assert.equal(res.key, e.id);
            continue;
          }
          keys = res.keys;
          rollup = applyEntry(rollup, e);
        }
        assert.equal(refused, picks.length);
        assert.deepEqual(rollup, rollupFromEntries(KEY, entries));
      }),
      { numRuns: 200 },
    );
  });
  test('should group entries into one rollup per service and month', () => {
    const entries = [...scenario(), feeAccrual({ serviceId: 'sv-b', period: '2026-04', date: '2026-04-01', amount: m('1') })];
    const rollups = groupRollups(entries);
    assert.deepEqual(rollups.map((r) => [r.serviceId, r.period, r.entryCount]), [
      ['sv-b', '2026-04', 1],
      [SV, '2026-03', 7],
    ]);
  });
});
