import { Browser } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { councilWithCast, createMember } from '../support/factories';
import { launchBrowser, openPage } from './support/browser';

type Cast = Awaited<ReturnType<typeof councilWithCast>>;

/** /login?redirect= goes back to a page of this app only, never to another host (an open redirect). */
describe('signing in goes back only to a page of this app', () => {
  let t: TestApp;
  let browser: Browser;
  let c: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    c = await councilWithCast(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const signIn = async (path: string) => {
    const member = await createMember(t, c.admin, c.council.id, 'Redirected');
    const page = await openPage(browser, t, path);
    await page.getByLabel('Email').fill(member.email);
    await page.getByLabel('Password').fill(member.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return page;
  };

  it('returns to the page that asked for a user', async () => {
    const page = await signIn(`/councils/${c.council.id}`);
    await page.waitForURL(new RegExp(`/councils/${c.council.id}$`));
    expect(new URL(page.url()).origin).toBe(new URL(t.url).origin);
    await page.context().close();
  });

  it.each(['//evil.example/x', '/\\evil.example/x', '/\t/evil.example/x', 'https://evil.example/x', 'javascript:alert(1)'])('sends %j home instead', async (to) => {
    const page = await signIn(`/login?redirect=${encodeURIComponent(to)}`);
    await page.getByRole('heading', { level: 1, name: 'Your councils' }).waitFor();
    const url = new URL(page.url());
    expect(url.origin).toBe(new URL(t.url).origin);
    expect(url.pathname).toBe('/');
    await page.context().close();
  });
});
