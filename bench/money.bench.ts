// Suite "money" (issue 5): 20 invoices issued at once (numbers must be 20 unique consecutive ones),
// ledger write throughput (each write = entry + month rollup + snapshot in one conditional
// transaction) with concurrent writers, and the read of the panel's rollups.
import { performance } from 'node:perf_hooks';
import { findGaps, parseInvoiceNumber } from '../src/domain/money';
import type { Sandbox } from '../sandbox/platform';
import { smallAgency, startAgency } from '../tests/helpers/agency';

const SERVICES = 8;
const LEDGER_WRITES = Number(process.env.BENCH_MONEY_WRITES ?? 400);
const CONCURRENCY = 8;
const PANEL_READS = 200;

interface Env<T> {
  ok: boolean;
  data?: T;
  error?: { code: string; message: string };
}

async function call<T>(sb: Sandbox, as: string, key: string, payload: unknown): Promise<Env<T>> {
  const r = await sb.invokeResolver('retainer-project-page', key, payload, { accountId: as });
  if (r.record.outcome !== 'ok') throw new Error(`${key}: ${r.record.outcome} ${r.record.error ?? ''}`);
  return r.value as Env<T>;
}

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;
const transactions = (sb: Sandbox): number => sb.kvs.stats.byPath['/api/v1/transaction'] ?? 0;

/** Length of the run of consecutive sequence numbers among unique, valid numbers (1, 2, … n). */
function consecutiveUnique(numbers: string[]): number {
  const seqs = [...new Set(numbers)].map((n) => parseInvoiceNumber(n)?.seq).filter((s): s is number => s !== undefined).sort((a, b) => a - b);
  let run = 0;
  for (let i = 0; i < seqs.length; i++) if (seqs[i] === (seqs[0] ?? 0) + i) run++;
  return run;
}

export async function benchMoney(): Promise<Record<string, unknown>> {
  const sb = await startAgency(smallAgency({ services: SERVICES }), { poolSize: 4 });
  try {
    const manager = (i: number): string => (i % 2 === 0 ? 'u-man-a' : 'u-man-b');
    // Warm the workers.
    for (let i = 0; i < 8; i++) await call(sb, 'u-head', 'money/panel', { serviceId: `sv-t${i % SERVICES}` });

    // 1. Twenty invoices for one service, all at once.
    const tx0 = transactions(sb);
    const t0 = performance.now();
    const issued = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call<{ number: string }>(sb, 'u-head', 'money/invoices/issue', { serviceId: 'sv-t0', requestId: `bench-invoice-${i}`, purpose: 'other', lines: [{ description: 'Bench', quantity: '1', unitPrice: `${100 + i}.00`, vatRatePercent: '20' }] }),
      ),
    );
    const invoiceWallMs = performance.now() - t0;
    const numbers = issued.filter((r) => r.ok).map((r) => (r.data as { number: string }).number);
    const invoiceTx = transactions(sb) - tx0;

    // 2. Ledger writes: spend days booked by CONCURRENCY writers spread over the services.
    const tx1 = transactions(sb);
    const t1 = performance.now();
    let booked = 0;
    let failed = 0;
    for (let start = 0; start < LEDGER_WRITES; start += CONCURRENCY) {
      const wave = Array.from({ length: Math.min(CONCURRENCY, LEDGER_WRITES - start) }, (_, j) => {
        const n = start + j;
        const service = n % SERVICES;
        const slot = Math.floor(n / SERVICES);
        const day = `2026-10-${String(1 + (slot % 28)).padStart(2, '0')}`;
        return call<{ booked: number }>(sb, manager(service), 'money/spend/record', { serviceId: `sv-t${service}`, day, amount: `${500 + (n % 97)}.00`, label: `src${Math.floor(slot / 28)}` });
      });
      for (const r of await Promise.all(wave)) {
        if (r.ok) booked += r.data?.booked ?? 0;
        else failed++;
      }
    }
    const ledgerSeconds = (performance.now() - t1) / 1000;
    const ledgerTx = transactions(sb) - tx1;

    // 3. The panel's read: snapshot + month rollup in one batch request.
    const panelFrom = sb.runtime.records.length;
    for (let i = 0; i < PANEL_READS; i++) await call(sb, manager(i % SERVICES), 'money/panel', { serviceId: `sv-t${i % SERVICES}` });
    const panels = sb.runtime.records.slice(panelFrom).filter((r) => r.functionKey === 'resolver');
    const kvsPerPanel = panels[0]?.counters.kvs ?? {};
    const check = await call<{ ok: boolean }>(sb, 'u-head', 'money/ledger/check', { serviceId: 'sv-t0' });

    return {
      concurrentInvoices: issued.length,
      uniqueConsecutiveNumbers: consecutiveUnique(numbers),
      invoiceNumbersOk: findGaps(numbers).ok,
      invoiceWallMs: Math.round(invoiceWallMs),
      invoiceTransactionAttempts: invoiceTx,
      invoiceConflictRetries: invoiceTx - numbers.length,
      ledgerWrites: booked,
      ledgerWriteFailures: failed,
      ledgerWritesPerSecond: round(booked / ledgerSeconds),
      ledgerWriters: CONCURRENCY,
      ledgerConflictRetries: ledgerTx - booked,
      rollupReadP50Ms: round(percentile(panels.map((r) => r.wallMs), 50)),
      rollupReadP95Ms: round(percentile(panels.map((r) => r.wallMs), 95)),
      panelKvsRequestsForMoney: kvsPerPanel['/api/v1/batch/get'] ?? 0,
      panelKvsRequestsTotal: Object.values(kvsPerPanel).reduce((a, b) => a + b, 0),
      ledgerInvariantsOk: check.ok && check.data?.ok === true,
      specViolations: sb.meter().specViolations,
    };
  } finally {
    await sb.close();
  }
}
