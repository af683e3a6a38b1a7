// The report macros in Chromium on a published report page of the real sandbox: client guest A sees
// the interactive charts and sends feedback with the keyboard; guest B gets neither the page nor the
// macros' data; the manager sees the rating instead of the form. Screenshots light/dark, en/uk.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { en } from '../../src/ui/i18n/messages-en';
import { uk } from '../../src/ui/i18n/messages-uk';
import { invokeMacro, reportsOf } from '../integration/reports-helpers';
import { SHOTS, openAs, startWorld, type World } from './dashboards-helpers';

let w: World;
let path = '';

const charts = (page: Page) => page.frameLocator('iframe[data-module-key="retainer-report-charts"]').first();
const feedback = (page: Page) => page.frameLocator('iframe[data-module-key="retainer-report-feedback"]');

before(async () => {
  w = await startWorld();
  path = `/wiki/spaces/${w.report.spaceKey}/pages/${w.report.pageId}`;
});

after(async () => {
  await w?.close();
});

describe('report macros in the browser', () => {
  test('should draw the report charts for the client guest, in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const v = await openAs(w, 'g-client0', path, { theme, height: 1600 });
      try {
        const c = charts(v.page);
        await c.getByTestId('macro-charts').waitFor({ timeout: 60000 });
        await c.locator('canvas, [data-testid="macro-charts-empty"]').first().waitFor({ timeout: 30000 });
        assert.ok((await c.locator('canvas').count()) > 0, 'a chart canvas is drawn');
        // The visually hidden table carries the same numbers for screen readers.
        assert.ok((await c.locator('table caption').count()) > 0);
        await v.page.screenshot({ path: join(SHOTS, `macro-charts-guest-${theme}.png`), fullPage: true });
        assert.deepEqual(v.problems, []);
      } finally {
        await v.close();
      }
    }
  });

  test('should take the client guest rating with the keyboard and show it afterwards, in Ukrainian', async () => {
    const v = await openAs(w, 'g-client0', path, { locale: 'uk-UA', height: 1600 });
    try {
      const f = feedback(v.page);
      await f.getByText(uk['macros.feedback.title']).waitFor({ timeout: 60000 });
      await f.getByTestId('feedback-submit').click();
      await f.getByText(uk['macros.feedback.chooseRating']).waitFor();
      // Focus the first star, then arrow keys move the choice (a native radio group).
      await f.getByLabel(uk['macros.feedback.star'].replace('{n}', '1')).focus();
      await v.page.keyboard.press('Space');
      await v.page.keyboard.press('ArrowRight');
      await v.page.keyboard.press('ArrowRight');
      await v.page.keyboard.press('ArrowRight');
      assert.equal(await f.getByLabel(uk['macros.feedback.star'].replace('{n}', '4')).isChecked(), true);
      await f.locator('#feedback-comment').fill('Дякуємо, звіт зрозумілий');
      await f.getByTestId('feedback-submit').click();
      await f.getByTestId('feedback-thanks').waitFor({ timeout: 30000 });
      await f.getByTestId('feedback-previous').getByText(/4/).waitFor();
      await v.page.screenshot({ path: join(SHOTS, 'macro-feedback-guest-uk.png'), fullPage: true });
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
    const ratings = (await reportsOf(w.sb, 'sv-t0', 'u-man-a')).find((r) => r.reportId === w.report.reportId)?.ratings;
    assert.deepEqual(ratings, [4]);
  });

  test('should show the manager the last rating instead of the form, in dark', async () => {
    const v = await openAs(w, 'u-man-a', path, { theme: 'dark', height: 1600 });
    try {
      const f = feedback(v.page);
      await f.getByTestId('feedback-agency').waitFor({ timeout: 60000 });
      assert.equal(await f.getByTestId('feedback-submit').count(), 0);
      await v.page.screenshot({ path: join(SHOTS, 'macro-feedback-manager-dark.png'), fullPage: true });
      assert.deepEqual(v.problems, []);
    } finally {
      await v.close();
    }
  });

  test("should keep client B from client A's report, its charts and its feedback", async () => {
    const v = await openAs(w, 'g-client1', path);
    try {
      await v.page.getByText('Page not found').first().waitFor({ timeout: 30000 });
      assert.equal(await v.page.locator('iframe[data-module-key="retainer-report-feedback"]').count(), 0);
    } finally {
      await v.close();
    }
    const c = await invokeMacro(w.sb, 'charts', 'report/charts', { reportId: w.report.reportId }, 'g-client1', w.report.pageId);
    assert.equal(c.error?.code, 'FORBIDDEN');
    const s = await invokeMacro(w.sb, 'feedback', 'report/feedback/submit', { reportId: w.report.reportId, rating: 5, comment: 'spoof' }, 'g-client1', w.report.pageId);
    assert.equal(s.error?.code, 'FORBIDDEN');
    assert.equal(en['macros.unavailable.title'].length > 0, true);
  });
});
