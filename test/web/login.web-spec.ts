import { Browser } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { councilWithCast, createMember, createUser, loginAdmin } from '../support/factories';
import { createSession } from '../support/live';
import { expectAccessible, LANGS, launchBrowser, openContext, openPage, storedAuth } from './support/browser';

type Cast = Awaited<ReturnType<typeof councilWithCast>>;

describe('signing in, the home page, signing out', () => {
  let t: TestApp;
  let browser: Browser;
  let c: Cast;
  let sessionId: string;
  let councilName: string;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    c = await councilWithCast(t);
    councilName = (await t.http().get(`/api/v1/councils/${c.council.id}`).set({ Authorization: `Bearer ${c.admin.token}` })).body.name;
    sessionId = (await createSession(t, c.cast.moderator, c.council.id, { title: 'Spring plenary' })).id;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('refuses a wrong password with the problem’s message, then signs in and lists councils and sittings', async () => {
    const member = await createMember(t, c.admin, c.council.id, 'Signing in');
    const page = await openPage(browser, t, '/login');
    await page.getByLabel('Email').fill(member.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: /\S/ }).waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/password|credentials|email/i);
    await page.getByLabel('Password').fill(member.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your councils' }).waitFor();
    // The new page takes the focus, so that a screen reader announces it.
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe('main');
    await page.getByRole('heading', { name: councilName }).waitFor();
    await page.getByRole('link', { name: 'Spring plenary', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Spring plenary', exact: true }).getAttribute('href')).toBe(`/sessions/${sessionId}`);
    expect(await page.getByRole('link', { name: 'Projector of Spring plenary' }).getAttribute('href')).toBe(`/sessions/${sessionId}/projector`);
    await expectAccessible(page, 'home (en)');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await storedAuth(page)).toBeNull();
    await page.goto('/');
    await page.waitForURL(/\/login\?redirect=/);
    await page.context().close();
  });

  it('renews a run-out access token silently (one refresh for the concurrent requests)', async () => {
    const admin = await loginAdmin(t);
    const user = await createUser(t, admin, 'Refresher');
    const context = await openContext(browser, t, { as: user, accessToken: 'expired.token.value' });
    const refreshes: string[] = [];
    context.on('request', (r) => {
      if (r.url().endsWith('/api/v1/auth/refresh')) refreshes.push(r.url());
    });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Your councils' }).waitFor();
    await page.getByText('You are not a member of any council yet.').waitFor();
    expect(refreshes).toHaveLength(1);
    const kept = JSON.parse((await storedAuth(page)) as string);
    expect(kept.refreshToken).not.toBe(user.refreshToken);
    await context.close();
  });

  it('has the home and sitting pages accessible in Russian and Kazakh', async () => {
    for (const [lang, heading, state] of [
      ['ru', 'Ваши советы', 'Состояние: Назначено'],
      ['kk', 'Сіздің кеңестеріңіз', 'Күйі: Жоспарланған'],
    ] as const) {
      const home = await openPage(browser, t, `/?lang=${lang}`, { as: c.cast.member });
      await home.getByRole('heading', { level: 1, name: heading }).waitFor();
      await home.getByRole('link', { name: 'Spring plenary', exact: true }).waitFor();
      expect(await home.getAttribute('html', 'lang')).toBe(lang);
      await expectAccessible(home, `home (${lang})`);
      await home.getByRole('link', { name: 'Spring plenary', exact: true }).click();
      await home.getByText(state).waitFor();
      expect(await home.getByRole('heading', { level: 1 }).count()).toBe(1);
      await expectAccessible(home, `session (${lang})`);
      await home.context().close();
    }
  });

  it('is accessible and labelled in every language, and the choice of ?lang= is kept', async () => {
    for (const lang of LANGS) {
      const page = await openPage(browser, t, `/login?lang=${lang}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      await expectAccessible(page, `login (${lang})`);
      await page.goto('/login');
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await page.context().close();
    }
    const ru = await openPage(browser, t, '/login', { locale: 'ru-RU' });
    await ru.getByRole('button', { name: 'Войти' }).waitFor();
    await ru.getByRole('button', { name: 'Қазақша' }).click();
    await ru.getByRole('button', { name: 'Кіру' }).waitFor();
    expect(await ru.getAttribute('html', 'lang')).toBe('kk');
    await ru.context().close();
  });

  it('shows a member the sitting page and the not-found state for one out of reach', async () => {
    const page = await openPage(browser, t, `/sessions/${sessionId}`, { as: c.cast.member });
    await page.getByRole('heading', { level: 1, name: 'Spring plenary' }).waitFor();
    await page.getByText('State: Scheduled').waitFor();
    await page.getByText('Connection: live').waitFor();
    expect(await page.getByText('You are watching this sitting.').count()).toBe(0);
    await expectAccessible(page, 'session (en)');
    await page.context().close();
    const publicOne = (await createSession(t, c.cast.moderator, c.council.id, { title: 'Open doors', public: true })).id;
    const watcher = await openPage(browser, t, `/sessions/${publicOne}`);
    await watcher.getByText('You are watching this sitting.').waitFor();
    await watcher.context().close();
    const outsider = await openPage(browser, t, `/sessions/${sessionId}`, { as: c.outsider });
    await outsider.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    await outsider.context().close();
  });
});
