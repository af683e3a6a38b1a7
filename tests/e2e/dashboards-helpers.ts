// Shared set-up of the global page and macro browser tests: the real sandbox with a small agency run
// to 3 November (invoices, KPI rollups, an October report), the October report of the first client
// published, the UI host on top, and headless Chromium; plus opening a page as a persona.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import type { Sandbox } from '../../sandbox/platform';
import { callAs } from '../../sandbox/scenarios/runner';
import { sandboxUiDeps } from '../../sandbox/ui-deps';
import { startUiHost, type UiHost } from '../../sandbox/ui-host';
import { startAgency } from '../helpers/agency';
import { reportsAgency, reportsOf } from '../integration/reports-helpers';
import { launchChromium, openAsPersona } from '../helpers/browser';

export const SHOTS = join(process.cwd(), 'test-results/screenshots');

export interface World {
  sb: Sandbox;
  host: UiHost;
  browser: Browser;
  report: { reportId: string; pageId: string; spaceKey: string };
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  mkdirSync(SHOTS, { recursive: true });
  const scenario = reportsAgency(4);
  // One metrics source for the first client, so its October report carries charts.
  scenario.metrics = { connect: 'none', backfillMonths: 1, spendRefreshHours: 24, services: { 'sv-t0': ['yandex-metrica'] } };
  const sb = await startAgency(scenario);
  await sb.runUntil(new Date('2026-11-03T12:00:00Z'));
  const monthly = (await reportsOf(sb, 'sv-t0', 'u-man-a')).find((r) => r.kind === 'monthly' && r.from === '2026-10-01');
  if (!monthly?.pageId) throw new Error('no October report page for sv-t0');
  await callAs(sb, 'u-man-a', 'reports/publish', { reportId: monthly.reportId }, 'retainer-project-page');
  await sb.drain();
  const page = sb.site.confluence.pages.get(monthly.pageId);
  const space = page ? [...sb.site.confluence.spaces.values()].find((s) => s.id === page.spaceId) : undefined;
  const personas = [...scenario.users.map((u) => ({ accountId: u.accountId as string | null, displayName: u.displayName, role: u.role })), { accountId: null, displayName: 'Anonymous', role: 'anonymous' }];
  const host = await startUiHost(sandboxUiDeps(sb, personas));
  const browser = await launchChromium();
  return {
    sb,
    host,
    browser,
    report: { reportId: monthly.reportId, pageId: monthly.pageId, spaceKey: space?.key ?? '' },
    close: async () => {
      await browser.close();
      await host.close();
      await sb.close();
    },
  };
}

export interface Opened {
  page: Page;
  problems: string[];
  close(): Promise<void>;
}

export async function openAs(w: World, persona: string, path: string, opts: { locale?: 'en-US' | 'uk-UA'; theme?: 'light' | 'dark'; height?: number } = {}): Promise<Opened> {
  const locale = opts.locale ?? 'en-US';
  const { page, problems, close } = await openAsPersona(w.browser, w.host.url, persona, { locale: locale, theme: opts.theme ?? 'light', height: opts.height ?? 900 });
  await page.goto(`${w.host.url}${path}`);
  return { page, problems, close };
}
