// Issue 7: the report cycle end to end in the sandbox — a restricted draft on schedule, publishing
// with the PDF, client guests' access and feedback, escalation, and no duplicates under faults.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { callAs } from '../../sandbox/scenarios/runner';
import { duplicatesIn, jiraState, startAgency } from '../helpers/agency';
import { invokeMacro, pageStatusAs, reportPages, reportsAgency, reportsOf, type ReportRow } from './reports-helpers';

const NOV3 = new Date('2026-11-03T12:00:00Z');

describe('client reports', () => {
  test('should draft restricted reports on schedule, publish with a PDF and take feedback only from the client', async () => {
    const sb = await startAgency(reportsAgency(2));
    try {
      await sb.runUntil(NOV3);
      const rows = await reportsOf(sb, 'sv-t0', 'u-man-a');
      const monthly = rows.find((r) => r.kind === 'monthly' && r.from === '2026-10-01');
      assert.ok(monthly, `a monthly October report exists (${JSON.stringify(rows.map((r) => r.reportId))})`);
      assert.ok(rows.some((r) => r.kind === 'weekly' && r.from === '2026-10-26'), 'the weekly report of the week before Monday 2 Nov');
      assert.equal(monthly.status, 'draft');
      assert.ok(monthly.pageId && monthly.reviewIssueKey);
      const pageId = monthly.pageId;
      const page = sb.site.confluence.pages.get(pageId);
      // Born under the agency-only drafts parent: its restriction is inherited from the first moment.
      const parent = page?.parentId ? sb.site.confluence.pages.get(page.parentId) : undefined;
      assert.ok(parent && parent.restrictions.read.users.length > 0 && /agency only/.test(parent.current.title), 'the draft sits under the restricted drafts page');
      assert.equal(await pageStatusAs(sb, 'g-client0', pageId), 404, 'the guest cannot see the draft');
      assert.equal(await pageStatusAs(sb, 'u-man-a', pageId), 200, 'the manager can');
      const refusedEarly = await invokeMacro(sb, 'feedback', 'report/feedback/submit', { reportId: monthly.reportId, rating: 5, comment: '' }, 'g-client0', pageId);
      assert.equal(refusedEarly.ok, false, 'no feedback on a draft');

      await callAs(sb, 'u-man-a', 'reports/update', { reportId: monthly.reportId, analysis: 'Leads grew.\n\n- More budget', proposals: 'Test new ads' }, 'retainer-project-page');
      await callAs(sb, 'u-man-a', 'reports/publish', { issueKey: monthly.reviewIssueKey }, 'retainer-issue-panel');
      await sb.drain();
      const after = (await reportsOf(sb, 'sv-t0', 'u-man-a')).find((r) => r.reportId === monthly.reportId);
      assert.equal(after?.status, 'published');
      assert.deepEqual(reportPages(sb).pdfsByPage.get(pageId), [`${monthly.reportId}.pdf`]);
      assert.equal(await pageStatusAs(sb, 'g-client0', pageId), 200, 'the guest sees the published report');
      assert.notEqual(sb.site.confluence.pages.get(pageId)?.parentId, parent.id, 'publishing moved it out from under the drafts page');
      assert.equal(await pageStatusAs(sb, 'g-client1', pageId), 404, "another client's guest does not");
      assert.match(sb.site.confluence.pages.get(pageId)?.current.body.value ?? '', /Leads grew/);

      const charts = await invokeMacro(sb, 'charts', 'report/charts', { reportId: monthly.reportId }, 'g-client0', pageId);
      assert.equal(charts.ok, true, JSON.stringify(charts.error));
      const ok = await invokeMacro(sb, 'feedback', 'report/feedback/submit', { reportId: monthly.reportId, rating: 2, comment: 'Too few leads' }, 'g-client0', pageId);
      assert.equal(ok.ok, true, JSON.stringify(ok.error));
      const again = await invokeMacro(sb, 'feedback', 'report/feedback/submit', { reportId: monthly.reportId, rating: 1, comment: 'Still bad' }, 'g-client0', pageId);
      assert.equal(again.ok, true);
      const other = await invokeMacro(sb, 'feedback', 'report/feedback/submit', { reportId: monthly.reportId, rating: 5, comment: 'spoof' }, 'g-client1', pageId);
      assert.equal(other.error?.code, 'FORBIDDEN');
      const otherCharts = await invokeMacro(sb, 'charts', 'report/charts', { reportId: monthly.reportId }, 'g-client1', pageId);
      assert.equal(otherCharts.error?.code, 'FORBIDDEN');
      const anon = await invokeMacro(sb, 'feedback', 'report/feedback/submit', { reportId: monthly.reportId, rating: 5, comment: '' }, null, pageId);
      assert.equal(anon.error?.code, 'FORBIDDEN');
      const tooLong = await invokeMacro(sb, 'feedback', 'report/feedback/submit', { reportId: monthly.reportId, rating: 4, comment: 'x'.repeat(2001) }, 'g-client0', pageId);
      assert.equal(tooLong.error?.code, 'VALIDATION');

      const final = (await reportsOf(sb, 'sv-t0', 'u-man-a')).find((r) => r.reportId === monthly.reportId);
      assert.deepEqual(final?.ratings, [2, 1]);
      const escalations = (await jiraState(sb)).filter((l) => l.includes(`retainer-escalation-${monthly.reportId}`));
      assert.equal(escalations.length, 1, 'one escalation issue for the head');

      // On demand, for any period; asking twice makes one report.
      const custom = await callAs<ReportRow>(sb, 'u-man-a', 'reports/create', { serviceId: 'sv-t0', from: '2026-10-05', to: '2026-10-11' }, 'retainer-project-page');
      await callAs(sb, 'u-man-a', 'reports/create', { serviceId: 'sv-t0', from: '2026-10-05', to: '2026-10-11' }, 'retainer-project-page');
      await sb.drain();
      const customs = (await reportsOf(sb, 'sv-t0', 'u-man-a')).filter((r) => r.reportId === custom.reportId);
      assert.equal(customs.length, 1);
      assert.equal(customs[0]?.status, 'draft');
      const notMine = await sb.invokeResolver('retainer-project-page', 'reports/create', { serviceId: 'sv-t0', from: '2026-10-05', to: '2026-10-11' }, { accountId: 'u-man-b' });
      assert.equal((notMine.value as { error?: { code: string } }).error?.code, 'FORBIDDEN');
      assert.equal(sb.meter().specViolations, 0);
    } finally {
      await sb.close();
    }
  });

  test('should leave no duplicate pages, attachments or review tasks under faults', async () => {
    const sb = await startAgency(reportsAgency(3), { seed: 7 });
    try {
      sb.setFaults('flaky', 7);
      sb.runtime.killMidway((fn) => fn === 'jobs-worker', 300, 2);
      await sb.runUntil(NOV3);
      await sb.drain();
      sb.setFaults('clean');
      await sb.fireScheduled('daily-planner');
      await sb.drain();
      const drafts = (await Promise.all(['sv-t0', 'sv-t1', 'sv-t2'].map((s) => reportsOf(sb, s)))).flat();
      assert.ok(drafts.length >= 6, `monthly and weekly reports for 3 services (${drafts.length})`);
      sb.setFaults('flaky', 8);
      for (const r of drafts) await callAs(sb, 'u-admin', 'reports/publish', { reportId: r.reportId }, 'retainer-project-page');
      await sb.drain();
      sb.setFaults('clean');
      for (const r of drafts) await callAs(sb, 'u-admin', 'reports/publish', { reportId: r.reportId }, 'retainer-project-page');
      await sb.drain();
      const published = (await Promise.all(['sv-t0', 'sv-t1', 'sv-t2'].map((s) => reportsOf(sb, s)))).flat();
      assert.deepEqual(published.map((r) => r.status), published.map(() => 'published'));
      const { titles, pdfsByPage } = reportPages(sb);
      assert.deepEqual(duplicatesIn(titles), []);
      assert.equal(titles.length, drafts.length, 'one page per report');
      for (const r of published) assert.deepEqual(pdfsByPage.get(r.pageId ?? ''), [`${r.reportId}.pdf`], `one PDF on ${r.reportId}`);
      const reviews = (await jiraState(sb)).filter((l) => l.includes('retainer-review-'));
      assert.equal(reviews.length, drafts.length, 'one review task per report');
      assert.deepEqual(duplicatesIn(reviews), []);
      const f = sb.siteFaults.counts;
      assert.ok(f.rateLimited + f.unavailable > 0, `faults were injected (${JSON.stringify(f)})`);
    } finally {
      await sb.close();
    }
  });
});
