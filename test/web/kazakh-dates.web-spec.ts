import { Browser, Page } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { createCouncil, createMember, loginAdmin, Session } from '../support/factories';
import { createSession } from '../support/live';
import { launchBrowser, openContext } from './support/browser';

/** The polyfill's chunks: the DateTimeFormat itself, the time zones, the Kazakh data. */
const POLYFILL = /\/assets\/(polyfill-force|add-golden-tz|kk)-[\w-]+\.js$/;
/** A month the browser could not name: "2027 M12 6". */
const NO_MONTH = /\bM\d{1,2}\b/;
const BROWSER_TEST_MS = 120_000;

/**
 * Debian's Chromium has no Kazakh date data; a Kazakh page loads the formatjs
 * polyfill and shows Kazakh month names, an English one never loads it.
 */
describe('Kazakh dates', () => {
  let t: TestApp;
  let browser: Browser;
  let member: Session;

  /** The home page in a language, with the script files it asked for. */
  async function home(lang: string): Promise<{ page: Page; scripts: string[] }> {
    // A user in Almaty: the polyfill must keep the browser's time zone, not fall back to UTC.
    const context = await openContext(browser, t, { as: member, timezoneId: 'Asia/Almaty' });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(`/?lang=${lang}`);
    return { page, scripts };
  }
  const sitting = (page: Page) => page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Winter plenary', exact: true }) });

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    const admin = await loginAdmin(t);
    const councilId = (await createCouncil(t, admin)).id;
    member = await createMember(t, admin, councilId, 'Aigerim', ['moderator']);
    await createSession(t, member, councilId, { title: 'Winter plenary', scheduledAt: '2027-12-06T09:00:00.000Z' });
  }, BROWSER_TEST_MS);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows a Kazakh month name on a Kazakh page, through the polyfill', async () => {
    const { page, scripts } = await home('kk');
    const item = sitting(page);
    await item.waitFor();
    const text = await item.innerText();
    expect(text).toMatch(/2027/);
    expect(text).toMatch(/жел/i); // желтоқсан, December
    expect(text).not.toMatch(NO_MONTH);
    // In the browser's time zone (Almaty, UTC+5 since 2024), as Node (full ICU) writes it.
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('Asia/Almaty');
    const node = new Intl.DateTimeFormat('kk-KZ', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Almaty' }).format(new Date('2027-12-06T09:00:00.000Z'));
    const spaced = (s: string) => s.replace(/\s+/gu, ' ');
    expect(spaced(text)).toContain(spaced(node));
    expect(text).toMatch(/14:00/);
    expect(scripts.filter((s) => POLYFILL.test(s)).length).toBe(3);
    // Switched to English and back: the browser's own formatter for English, the polyfill for Kazakh.
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await sitting(page).getByText(/6 Dec 2027, 14:00/).waitFor();
    await page.getByRole('button', { name: 'Қазақша', exact: true }).click();
    await sitting(page).filter({ hasText: /2027\s*ж\.\s*06\s*жел\.,\s*14:00/ }).waitFor();
    await page.context().close();
  }, BROWSER_TEST_MS);

  it('never loads the polyfill on an English page, whose dates stay the browser’s', async () => {
    const { page, scripts } = await home('en');
    const item = sitting(page);
    await item.waitFor();
    expect(await item.innerText()).toMatch(/6 Dec 2027/);
    // The premise: this browser's own Intl has no Kazakh month names.
    const own = await page.evaluate(() => new Intl.DateTimeFormat('kk-KZ', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2027, 11, 6, 12)));
    expect(own).toMatch(NO_MONTH);
    expect(scripts.filter((s) => POLYFILL.test(s))).toEqual([]);
    expect(scripts.length).toBeGreaterThan(0);
    await page.context().close();
  }, BROWSER_TEST_MS);
});
