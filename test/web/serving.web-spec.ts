import { Browser } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { expectProblem } from '../support/problems';
import { expectAccessible, LANGS, launchBrowser, openPage } from './support/browser';

/** The Nest app serves the web app at the root, deep links included, and nothing of the API changes. */
describe('serving the web app', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('answers index.html for any path outside the API, with a CSP that admits only the app', async () => {
    for (const path of ['/', '/login', '/sessions/00000000-0000-4000-8000-000000000000/projector', '/no/such/page']) {
      const res = await t.http().get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('<div id="root"></div>');
      const csp = res.headers['content-security-policy'] as string;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
    }
  });

  it('keeps the API, its reference, health and missing assets out of it', async () => {
    expectProblem(await t.http().get('/api/v1/no-such-route'), 404);
    expectProblem(await t.http().get('/api/no-such-route'), 404);
    await t.http().get('/health').expect(200).expect('content-type', /json/);
    await t.http().get('/docs-json').expect(200).expect('content-type', /json/);
    const docs = await t.http().get('/docs/').expect(200);
    expect(docs.text).toContain('swagger');
    expect(docs.headers['content-security-policy']).toBeUndefined();
    await t.http().get('/assets/no-such-file.js').expect(404);
  });

  it('shows a not-found state for an unknown path, in each language, with <html lang>', async () => {
    for (const lang of LANGS) {
      const page = await openPage(browser, t, `/no/such/page?lang=${lang}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      await expectAccessible(page, `not found (${lang})`);
      await page.context().close();
    }
  });

  it('gives each font subset its unicode range, so that a page fetches only the subsets its text uses', async () => {
    const page = await openPage(browser, t, '/no/such/page?lang=en');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const faces = await page.evaluate(async () => {
      const doc = (globalThis as unknown as { document: { fonts: Iterable<{ family: string; weight: string; unicodeRange: string; status: string }> & { ready: Promise<unknown> } } }).document;
      await doc.fonts.ready;
      return [...doc.fonts].filter((f) => f.family.includes('Noto Sans')).map((f) => ({ weight: f.weight, range: f.unicodeRange, status: f.status }));
    });
    // Without a range a face claims every character, and the browser fetched every subset, one after another.
    expect(faces.length).toBeGreaterThan(0);
    expect(faces.filter((f) => /^U\+0-10FFFF$/i.test(f.range))).toEqual([]);
    // English text: the Latin faces are fetched; Greek (U+0370…), which no page shows, is not.
    expect(faces.some((f) => f.weight === '400' && f.range.startsWith('U+0-FF') && f.status === 'loaded')).toBe(true);
    const greek = faces.filter((f) => f.range.startsWith('U+370-'));
    expect(greek.length).toBeGreaterThan(0);
    expect(greek.every((f) => f.status === 'unloaded')).toBe(true);
    await page.context().close();
  });
});
