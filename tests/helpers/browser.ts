// Browser tests' shared pieces: Debian's Chromium, headless, and a page opened as one persona of the
// UI host (persona, theme and locale travel as the host's cookies) that collects page errors and CSP
// reports, so every test can assert that nothing went wrong in the console.
import { chromium, type Browser, type Page } from 'playwright-core';

export type Locale = 'en-US' | 'uk-UA' | 'ru-RU';
export type Theme = 'light' | 'dark';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface PersonaPage {
  page: Page;
  /** Page errors, console errors and CSP violations seen so far. */
  problems: string[];
  close(): Promise<void>;
}

/** A fresh browser context signed in to the UI host at `hostUrl` as `persona`. */
export async function openAsPersona(
  browser: Browser,
  hostUrl: string,
  persona: string,
  opts: { locale?: Locale; theme?: Theme; width?: number; height?: number } = {},
): Promise<PersonaPage> {
  const locale = opts.locale ?? 'en-US';
  const ctx = await browser.newContext({ viewport: { width: opts.width ?? 1366, height: opts.height ?? 900 }, locale });
  const url = new URL(hostUrl);
  await ctx.addCookies(
    [
      ['uihost_persona', persona],
      ['uihost_theme', opts.theme ?? 'light'],
      ['uihost_locale', locale],
    ].map(([name, value]) => ({ name: name as string, value: value as string, domain: url.hostname, path: '/' })),
  );
  const page = await ctx.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  return { page, problems, close: () => ctx.close() };
}
