import { AxeBuilder } from '@axe-core/playwright';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { API, bearer, Session } from '../../support/factories';
import { TestApp } from '../../support/test-app';

/** The page's localStorage, as much of it as the tests use (test code has no DOM types). */
interface KeptStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Debian's chromium (.ci/run installs it); Playwright's own download is not reachable here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** How long a browser test waits for something to appear. */
export const UI_WAIT_MS = 10_000;

/** How long opening a page may take until its load event. */
export const NAVIGATION_WAIT_MS = 30_000;

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface ContextOptions {
  /** Signed in as this user (the token pair the app keeps), else anonymous. */
  as?: Session | null;
  viewport?: { width: number; height: number };
  /** The browser's languages (Accept-Language and navigator.languages). */
  locale?: string;
  reducedMotion?: 'reduce' | 'no-preference';
  /** The browser's time zone (IANA name), else the machine's. */
  timezoneId?: string;
  /** Keep this access token instead of the user's (a run-out one, to see it renewed). */
  accessToken?: string;
}

/**
 * A browser context of its own (cookies, storage) on the test app: a user's
 * tokens are put where the app keeps them, with the user from GET /auth/me.
 */
export async function openContext(browser: Browser, t: TestApp, o: ContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: t.url, viewport: o.viewport ?? { width: 1280, height: 800 }, locale: o.locale ?? 'en-GB', reducedMotion: o.reducedMotion ?? 'no-preference', timezoneId: o.timezoneId });
  context.setDefaultTimeout(UI_WAIT_MS);
  if (o.as) {
    const me = await t.http().get(`${API}/auth/me`).set(bearer(o.as)).expect(200);
    const auth = { accessToken: o.accessToken ?? o.as.token, refreshToken: o.as.refreshToken, user: { id: me.body.id, email: me.body.email, fullName: me.body.fullName, isAdmin: me.body.isAdmin } };
    await context.addInitScript((value: string) => {
      const storage = (globalThis as unknown as { localStorage: KeptStorage }).localStorage;
      if (!storage.getItem('kenes.auth')) storage.setItem('kenes.auth', value);
    }, JSON.stringify(auth));
  }
  return context;
}

export async function openPage(browser: Browser, t: TestApp, path: string, o: ContextOptions = {}): Promise<Page> {
  const context = await openContext(browser, t, o);
  const page = await context.newPage();
  // Loading a page is not a UI wait: a test that opens six at once (a whole sitting) on two cores
  // took longer than UI_WAIT_MS for the load event once in CI, while the page itself was fine.
  await page.goto(path, { timeout: NAVIGATION_WAIT_MS });
  return page;
}

/** axe-core on the page as it stands: no serious or critical violation (WCAG 2.2 A and AA rules). */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
  expect({ page: label, violations: report }).toEqual({ page: label, violations: '' });
}

export const LANGS = ['en', 'ru', 'kk'] as const;

/** What the app keeps of the sign-in in the page's localStorage (null when signed out). */
export const storedAuth = (page: Page): Promise<string | null> =>
  page.evaluate(() => (globalThis as unknown as { localStorage: KeptStorage }).localStorage.getItem('kenes.auth'));
