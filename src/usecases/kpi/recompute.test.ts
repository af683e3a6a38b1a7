import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KpiRecomputeMessage, recomputeMessagesFor } from './recompute';

test('should rebuild the changed month and refresh the months comparing against it', () => {
  const m = recomputeMessagesFor('sv-1', '2025-11', '2026-11', 'ledger');
  assert.deepEqual(m, [
    { kind: 'kpi-recompute', serviceId: 'sv-1', month: '2025-11', reason: 'ledger' },
    { kind: 'kpi-recompute', serviceId: 'sv-1', month: '2025-12', reason: 'ledger', parts: ['comparison'] },
    { kind: 'kpi-recompute', serviceId: 'sv-1', month: '2026-11', reason: 'ledger', parts: ['comparison'] },
  ]);
  for (const x of m) assert.ok(KpiRecomputeMessage.safeParse(x).success);
});

test('should touch only the current month for a change in it (no future rollups)', () => {
  assert.deepEqual(recomputeMessagesFor('sv-1', '2026-11', '2026-11', 'metrics 2026-11-09'), [
    { kind: 'kpi-recompute', serviceId: 'sv-1', month: '2026-11', reason: 'metrics 2026-11-09' },
  ]);
  assert.deepEqual(recomputeMessagesFor('sv-1', '2026-12', '2026-11', 'x'), []);
});
