import { Browser, Page } from 'playwright-core';
import { TestApp, startTestApp } from '../support/test-app';
import { API, bearer } from '../support/factories';
import { expectAccessible, launchBrowser, openPage } from './support/browser';
import { Person, plenarySitting } from './support/sitting';

const PHONE = { width: 390, height: 844 };

/**
 * The member's proxy from the home page: for a scheduled sitting of a council
 * with proxy voting on, member A gives B their proxy, sees it in force and
 * revokes it, without opening the sitting; the moderator (no vote) and a
 * council with proxy voting off show no proxy panel.
 */
describe('a proxy from the home page', () => {
  let t: TestApp;
  let browser: Browser;
  let s: Awaited<ReturnType<typeof plenarySitting>>;
  let off: Awaited<ReturnType<typeof plenarySitting>>;
  let A: Person;
  let B: Person;
  let C: Person;

  const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    s = await plenarySitting(t, 'Spring plenary');
    off = await plenarySitting(t, 'Autumn plenary');
    [A, B, C] = s.members;
    await t
      .http()
      .patch(`${API}/councils/${s.council.id}`)
      .set(bearer(s.admin))
      .send({ proxyVoting: { enabled: true, maxPerDelegate: 1, delegatorMayVote: false, countTowardQuorum: false, onSecretPolls: false } })
      .expect(200);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('gives a proxy for a scheduled sitting, shows it in force and revokes it', async () => {
    const home = await openPage(browser, t, '/', { as: A, viewport: PHONE });
    await home.getByRole('heading', { level: 1, name: 'Your councils' }).waitFor();
    const panel = region(home, 'Proxy for Spring plenary');
    await panel.getByText('If you cannot attend').waitFor();
    expect(await panel.getByRole('heading', { level: 4 }).count()).toBe(1);
    const select = panel.getByLabel('Give my proxy for this sitting to');
    expect((await select.locator('option').allInnerTexts()).slice(1).sort()).toEqual([B.fullName, C.fullName].sort());
    await select.selectOption({ label: B.fullName });
    await panel.getByRole('button', { name: 'Give proxy' }).click();
    await panel.getByRole('status').filter({ hasText: `Proxy given to ${B.fullName}.` }).waitFor();
    await panel.getByText(`Your proxy for this sitting: ${B.fullName}.`).waitFor();
    await panel.getByText('Status: in force.').waitFor();
    await expectAccessible(home, 'home: proxy given');
    await home.screenshot({ path: '/tmp/home-proxy-given.png', fullPage: true });
    const given = (await t.http().get(`${API}/sessions/${s.sessionId}/proxies`).set(bearer(C)).expect(200)).body.items as { status: string; delegatorMembershipId: string; delegateMembershipId: string }[];
    expect(given).toEqual([expect.objectContaining({ status: 'active', delegatorMembershipId: A.membershipId, delegateMembershipId: B.membershipId })]);

    // In Kazakh, the same proxy is named in the page's language.
    const kk = await openPage(browser, t, '/?lang=kk', { as: A, viewport: PHONE });
    const panelKk = region(kk, '«Spring plenary» отырысына сенімхат');
    await panelKk.getByRole('button', { name: 'Сенімхатымды кері қайтару' }).waitFor();
    await expectAccessible(kk, 'home: proxy given (kk)');
    await kk.context().close();

    await panel.getByRole('button', { name: 'Revoke my proxy' }).click();
    await panel.getByRole('status').filter({ hasText: 'Proxy revoked.' }).waitFor();
    await panel.getByText(`Your proxy to ${B.fullName} was revoked.`).waitFor();
    await panel.getByLabel('Give my proxy for this sitting to').waitFor();
    const after = (await t.http().get(`${API}/sessions/${s.sessionId}/proxies`).set(bearer(C)).expect(200)).body.items as { status: string }[];
    expect(after.map((p) => p.status)).toEqual(['revoked']);
    await expectAccessible(home, 'home: proxy revoked');
    await home.context().close();
  });

  it('shows no proxy panel to a user without a vote, nor where proxy voting is off', async () => {
    const mod = await openPage(browser, t, '/', { as: s.moderator, viewport: PHONE });
    await mod.getByRole('link', { name: 'Spring plenary', exact: true }).waitFor();
    const other = await openPage(browser, t, '/', { as: off.members[0], viewport: PHONE });
    await other.getByRole('link', { name: 'Autumn plenary', exact: true }).waitFor();
    // Both pages have their sittings listed; give the lazy panel time to have appeared if it were going to.
    await mod.waitForLoadState('networkidle');
    await other.waitForLoadState('networkidle');
    expect(await mod.getByRole('region', { name: /^Proxy for/ }).count()).toBe(0);
    expect(await other.getByRole('region', { name: /^Proxy for/ }).count()).toBe(0);
    await Promise.all([mod, other].map((p) => p.context().close()));
  });
});
