// Issue 5: the ledger — monthly fees and commission from the planner, spend and payments, and the
// invariants checked against what is stored: balance = credits − debits, every rollup = the sum of
// its entries, no invoice number gap — also under random concurrent operations (fast-check).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  type LedgerEntryJson,
  type LedgerRollup,
  findGaps,
  groupRollups,
  ledgerEntryFromJson,
  walletBalance,
} from '../../src/domain/money';
import type { Sandbox } from '../../sandbox/platform';
import { smallAgency, startAgency } from '../helpers/agency';
import { call, entityData, ok, pageStorage, requestId } from './money-kit';

interface Snapshot {
  serviceId: string;
  currency: string;
  walletBalance: string;
  feesBalance: string;
  entryCount: number;
  spendDays: Record<string, string>;
}

/** Recomputes everything from the stored entries and compares with the stored rollups and snapshots. */
function checkInvariants(sb: Sandbox): { entries: number } {
  const entries = [...entityData<LedgerEntryJson>(sb, 'ledger-entry').values()].map(ledgerEntryFromJson);
  const docs = entityData<unknown>(sb, 'money-doc');
  const rollups = [...docs.entries()].filter(([k]) => k.startsWith('rollup:')).map(([, v]) => v as LedgerRollup);
  const computed = groupRollups(entries);
  assert.deepEqual(
    computed.map((r) => JSON.stringify(r)).sort(),
    rollups.map((r) => JSON.stringify(r)).sort(),
    'every stored rollup equals the rollup of its entries',
  );
  for (const s of [...docs.entries()].filter(([k]) => k.startsWith('snapshot:')).map(([, v]) => v as Snapshot)) {
    const mine = entries.filter((e) => e.serviceId === s.serviceId);
    assert.equal(s.walletBalance, walletBalance(s.currency, mine).amountMinor.toString(), `wallet of ${s.serviceId} = credits − debits`);
    const mineRollups = computed.filter((r) => r.serviceId === s.serviceId);
    const credits = mineRollups.reduce((a, r) => a + BigInt(r.walletCredits), 0n);
    const debits = mineRollups.reduce((a, r) => a + BigInt(r.walletDebits), 0n);
    assert.equal(BigInt(s.walletBalance), credits - debits);
    const fees = mineRollups.reduce((a, r) => a + BigInt(r.feesCredits) - BigInt(r.feesDebits), 0n);
    assert.equal(BigInt(s.feesBalance), fees, `fees of ${s.serviceId} = credits − debits`);
    assert.equal(s.entryCount, mine.length);
  }
  const numbers = [...entityData<{ invoice: { number: string } }>(sb, 'invoice').values()].map((r) => r.invoice.number);
  assert.deepEqual(findGaps(numbers), { ok: true, missing: [], duplicates: [], invalid: [] }, 'no invoice number gap or duplicate');
  return { entries: entries.length };
}

describe('money: ledger', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startAgency(smallAgency({ services: 2 }));
    await ok(sb, 'u-head', 'money/service-settings/save', { serviceId: 'sv-t0', settings: { lowBalanceThreshold: '1000', monthlyAdBudget: '30000' } });
  });
  after(async () => {
    await sb.close();
  });

  test('should book spend and payments with the rollup and snapshot in the same transaction', async () => {
    for (const day of ['2026-10-26', '2026-10-27', '2026-10-28']) {
      assert.equal((await ok<{ booked: number }>(sb, 'u-man-a', 'money/spend/record', { serviceId: 'sv-t0', day, amount: '1200.00', vatIncluded: true })).booked, 1);
    }
    // The same figure again books nothing; a higher one books the difference; a lower one a correction.
    assert.equal((await ok<{ booked: number }>(sb, 'u-man-a', 'money/spend/record', { serviceId: 'sv-t0', day: '2026-10-28', amount: '1200.00', vatIncluded: true })).booked, 0);
    assert.equal((await ok<{ booked: number }>(sb, 'u-man-a', 'money/spend/record', { serviceId: 'sv-t0', day: '2026-10-28', amount: '1500.00', vatIncluded: true })).booked, 1);
    assert.equal((await ok<{ booked: number }>(sb, 'u-man-a', 'money/spend/record', { serviceId: 'sv-t0', day: '2026-10-27', amount: '600.00', vatIncluded: true })).booked, 1);
    await ok(sb, 'u-man-a', 'money/payments/register', { serviceId: 'sv-t0', requestId: requestId('wallet'), amount: '10000.00', date: '2026-10-19', account: 'wallet' });
    const panel = await ok<{ walletBalance: string; runwayDays: number | null; spentLast7Days: string; month: { spend: string } }>(sb, 'u-man-a', 'money/panel', { serviceId: 'sv-t0' });
    // 10000 − (1200 + 600 + 1500) = 6700; spend per day incl. VAT.
    assert.equal(panel.walletBalance, '6700.00');
    assert.equal(panel.spentLast7Days, '3300.00');
    assert.equal(panel.runwayDays, 6);
    const ledger = await ok<{ entries: Array<{ kind: string; amount: string; vat: string | null }>; rollup: Record<string, string> }>(sb, 'u-man-a', 'money/ledger', { serviceId: 'sv-t0', period: '2026-10' });
    assert.equal(ledger.entries.filter((e) => e.kind === 'ad-spend').length, 4);
    // VAT split of 1200.00 at 20%: 200.00 VAT, 1000.00 net.
    assert.ok(ledger.entries.some((e) => e.kind === 'ad-spend' && e.amount === '1000.00' && e.vat === '200.00'));
    const check = await ok<{ ok: boolean }>(sb, 'u-head', 'money/ledger/check', { serviceId: 'sv-t0' });
    assert.equal(check.ok, true);
    checkInvariants(sb);
  });

  test('should accrue and invoice the monthly fee once however often the planner runs', async () => {
    sb.clock.set('2026-11-01T08:00:00Z');
    await sb.fireScheduled('daily-planner');
    await sb.fireScheduled('daily-planner');
    const invoices = await ok<Array<{ id: string; number: string; origin: string; period: string; gross: string; page: { state: string; pageId: string | null } }>>(sb, 'u-head', 'money/invoices/list', { serviceId: 'sv-t0' });
    const fees = invoices.filter((i) => i.origin === 'monthly-fee');
    assert.equal(fees.length, 1);
    assert.equal(fees[0]?.period, '2026-11');
    assert.equal(fees[0]?.gross, '12000.00');
    assert.equal(fees[0]?.page.state, 'published');
    const page = await pageStorage(sb, fees[0]?.page.pageId as string);
    assert.match(page.body, /Monthly fee/);
    const entries = [...entityData<LedgerEntryJson>(sb, 'ledger-entry').values()].filter((e) => e.kind === 'fee-accrual');
    assert.deepEqual(entries.map((e) => e.serviceId).sort(), ['sv-t0', 'sv-t1']);
    checkInvariants(sb);
  });

  test('should close October on the 3rd: commission on booked net spend, an act with its PDF', async () => {
    sb.clock.set('2026-11-03T08:00:00Z');
    await sb.fireScheduled('daily-planner');
    const invoices = await ok<Array<{ origin: string; period: string; net: string; gross: string }>>(sb, 'u-head', 'money/invoices/list', { serviceId: 'sv-t0' });
    const commission = invoices.filter((i) => i.origin === 'commission');
    // Net spend booked for October: 1000 + 500 + 1250 = 2750.00; 10% = 275.00, + 20% VAT.
    assert.equal(commission.length, 1);
    assert.equal(commission[0]?.net, '275.00');
    assert.equal(commission[0]?.gross, '330.00');
    const acts = await ok<Array<{ number: string; period: string; gross: string; page: { state: string; pageId: string | null } }>>(sb, 'u-head', 'money/acts/list', { serviceId: 'sv-t0' });
    assert.equal(acts.length, 1);
    assert.equal(acts[0]?.number, 'ACT-2026-0001');
    assert.equal(acts[0]?.period, '2026-10');
    assert.equal(acts[0]?.page.state, 'published');
    const page = await pageStorage(sb, acts[0]?.page.pageId as string);
    assert.match(page.body, /rendered in full/);
    const pdf = await ok<{ filename: string; encoding: string; content: string }>(sb, 'u-head', 'money/acts/pdf', { serviceId: 'sv-t0', period: '2026-10' });
    assert.equal(Buffer.from(pdf.content, 'base64').subarray(0, 5).toString(), '%PDF-');
    // Another run on the 4th bills nothing again (the runway alert may ask for a top-up by now).
    const billed = (): string[] => [...entityData<{ origin: string; invoice: { number: string } }>(sb, 'invoice').values()].filter((r) => r.origin !== 'top-up').map((r) => r.invoice.number).sort();
    const before = billed();
    sb.clock.set('2026-11-04T08:00:00Z');
    await sb.fireScheduled('daily-planner');
    assert.deepEqual(billed(), before);
    assert.equal((await ok<unknown[]>(sb, 'u-head', 'money/acts/list', { serviceId: 'sv-t0' })).length, 1);
    checkInvariants(sb);
  });

  test('should keep every invariant under random concurrent operations', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('spend' as const), day: fc.integer({ min: 1, max: 28 }), cents: fc.integer({ min: 0, max: 500_000 }), vat: fc.boolean() }),
      fc.record({ kind: fc.constant('payment' as const), cents: fc.integer({ min: 1, max: 2_000_000 }), account: fc.constantFrom('wallet' as const, 'fees' as const) }),
      fc.record({ kind: fc.constant('invoice' as const), cents: fc.integer({ min: 1, max: 1_000_000 }), vat: fc.constantFrom('0', '7', '20') }),
      fc.record({ kind: fc.constant('pay-invoice' as const), cents: fc.integer({ min: 1, max: 2_000_000 }) }),
    );
    const money = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 14 }), fc.constantFrom('sv-t0', 'sv-t1'), async (ops, serviceId) => {
        const as = serviceId === 'sv-t0' ? 'u-man-a' : 'u-man-b';
        const open = (await ok<Array<{ id: string; status: string }>>(sb, 'u-head', 'money/invoices/list', { serviceId })).filter((i) => i.status !== 'paid' && i.status !== 'cancelled');
        const results = await Promise.all(
          ops.map((o, i) => {
            switch (o.kind) {
              case 'spend':
                return call(sb, as, 'money/spend/record', { serviceId, day: `2026-11-${String(o.day).padStart(2, '0')}`, amount: money(o.cents), vatIncluded: o.vat, label: `p${i % 3}` });
              case 'payment':
                return call(sb, as, 'money/payments/register', { serviceId, requestId: requestId('prop'), amount: money(o.cents), date: '2026-11-05', account: o.account });
              case 'invoice':
                return call(sb, as, 'money/invoices/issue', { serviceId, requestId: requestId('prop'), purpose: 'other', lines: [{ description: 'Work', quantity: '1', unitPrice: money(o.cents), vatRatePercent: o.vat }] });
              case 'pay-invoice': {
                const target = open[i % Math.max(1, open.length)];
                return target ? call(sb, as, 'money/payments/register', { serviceId, requestId: requestId('prop'), amount: money(o.cents), date: '2026-11-05', invoiceId: target.id }) : Promise.resolve({ ok: true });
              }
            }
          }),
        );
        for (const r of results) if (!r.ok) assert.fail(`operation failed: ${JSON.stringify((r as { error?: unknown }).error)}`);
        checkInvariants(sb);
      }),
      { numRuns: 4, seed: 42 },
    );
    assert.equal(sb.meter().specViolations, 0);
  });
});
