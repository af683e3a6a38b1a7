// Issue 10, small: the generated agency lives through a month boundary twice — on a clean platform
// and under the flaky profile (429 with Retry-After, 5xx, killed invocations, duplicate scheduled
// fires and queue redeliveries, a connector token that expires until the admin renews it) — and the
// runner's own comparison finds nothing duplicated, lost or extra.
// `npm run bench -- agency` runs the same at agency scale.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FAULT_ARTIFACT, runQuarter, type QuarterOptions } from '../../sandbox/scenarios/quarter';
import { compareStates } from '../../sandbox/scenarios/state';

// 25 Aug (a Tuesday) → 10 Sep: task sets, invoices and monthly reports of September, publishing on
// the 5th and feedback on the 8th; the Metrica token is dead from 1 to 2 September.
const run: QuarterOptions = { services: 6, start: '2026-08-25', days: 16, seed: 3, expiry: { expireOnDay: 7, renewOnDay: 8 } };

describe('agency quarter: a clean run and a flaky run end in the same state', () => {
  test('should do the same business under faults, with nothing duplicated or lost', async (t) => {
    const clean = await runQuarter(run);
    const flaky = await runQuarter({ ...run, faults: 'flaky' });
    const cmp = compareStates(clean.state, flaky.state, (id) => FAULT_ARTIFACT.test(id));
    t.diagnostic(`compared ${cmp.items} items ${JSON.stringify(cmp.byCategory)}; faults ${JSON.stringify(flaky.summary.faultsInjected)}; wall ${clean.summary.wallSeconds} s clean, ${flaky.summary.wallSeconds} s flaky`);

    // The run did the agency's work: issues, reports with feedback, invoices, payments, leads.
    const a = clean.summary.activity;
    assert.ok(a.jiraIssues > 40 && a.reportsPublished >= 2 && a.feedback >= 1 && a.invoices >= 4 && a.payments >= 1 && a.leadsPosted >= 2, JSON.stringify(a));
    assert.equal(clean.summary.errors.specViolations, 0);
    assert.equal(clean.summary.errors.resolverInternalErrors, 0);

    // The runner's comparison: nothing duplicated, lost or extra among issues, pages, attachments,
    // ledger, invoices, payments and notifications. Changed values are reported, not asserted: a few
    // still depend on the hour a job ran under faults (issue 10 stays open for them).
    t.diagnostic(`changed: ${cmp.samples.changed.length} ${JSON.stringify(cmp.samples.changed).slice(0, 600)}`);
    assert.deepEqual({ duplicated: cmp.samples.duplicated, lost: cmp.samples.lost, extra: cmp.samples.extra }, { duplicated: [], lost: [], extra: [] });
    assert.equal(cmp.duplicates, 0);
    assert.equal(cmp.lost, 0);

    // The faults really happened, and the expired token was noticed and renewed.
    const f = flaky.summary.faultsInjected;
    assert.ok(f.atlassian > 0 && f.externalApis > 0 && f.duplicateTriggers > 0 && f.duplicateDeliveries > 0, JSON.stringify(f));
    assert.equal(flaky.summary.tokenRenewal?.reconnectIssues, 1, JSON.stringify(flaky.summary.tokenRenewal));
    assert.equal(flaky.summary.tokenRenewal?.reconnectIssuesOpen, 0);
  });
});
