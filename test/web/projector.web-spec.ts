import { gzipSync } from 'node:zlib';
import { Browser, Page } from 'playwright-core';
import { Socket } from 'socket.io-client';
import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer, createCouncil, createMember, loginAdmin, Session } from '../support/factories';
import { cast } from '../support/poll-factories';
import { addItem, createSession, LiveClients, ok, postSessionPoll } from '../support/live';
import { expectAccessible, launchBrowser, openContext, openPage } from './support/browser';

type Member = Session & { membershipId: string; password: string };
const MAJORITY = { method: 'majority', base: 'cast' };

/** The hall's display, anonymous on a public sitting, following the sitting live. */
describe('projector', () => {
  let t: TestApp;
  let browser: Browser;
  let live: LiveClients;
  let moderator: Member;
  let members: Member[];
  let names: string[];
  let councilId: string;
  let sessionId: string;
  let mod: Socket;

  const fullName = async (s: Session) => (await t.http().get(`${API}/auth/me`).set(bearer(s))).body.fullName as string;
  const text = (page: Page) => page.locator('main').innerText();
  const shows = (page: Page, what: string | RegExp) => page.locator('main').getByText(what).first().waitFor();

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    live = new LiveClients(t);
    const admin = await loginAdmin(t);
    councilId = (await createCouncil(t, admin)).id;
    moderator = await createMember(t, admin, councilId, 'Moderator', ['moderator']);
    members = [];
    for (const n of ['Aigerim', 'Bolat', 'Dana']) members.push(await createMember(t, admin, councilId, n));
    names = await Promise.all(members.map(fullName));
    sessionId = (await createSession(t, moderator, councilId, { title: 'Hall sitting', public: true })).id;
    const item = await addItem(t, moderator, sessionId, { title: 'The water budget', speakerMembershipIds: [members[0].membershipId] });
    mod = await live.connect(moderator);
    await ok(mod, 'session.join', { sessionId });
    await ok(mod, 'session.start', { sessionId });
    await ok(mod, 'agenda.open', { sessionId, itemId: item.id });
  });
  afterAll(async () => {
    live?.closeAll();
    await browser?.close();
    await t?.close();
  });

  it('shows the item, the speaker with the server’s time left, the next speakers, and stops the clock while paused', async () => {
    const page = await openPage(browser, t, `/sessions/${sessionId}/projector`);
    await page.getByRole('heading', { level: 1, name: 'The water budget' }).waitFor();
    await shows(page, 'Nobody has the floor.');
    const sockets = await Promise.all(members.map((m) => live.connect(m)));
    await ok(sockets[1], 'floor.request', { sessionId });
    await ok(sockets[2], 'floor.request', { sessionId, kind: 'point_of_order' });
    await shows(page, '2 speakers waiting');
    const queue = page.getByRole('list', { name: 'Next speakers' });
    await queue.getByText(names[1]).waitFor();
    expect(await queue.getByRole('listitem').allInnerTexts()).toEqual([`${names[2]} · Point of order`, names[1]]);
    await ok(mod, 'floor.grant', { sessionId, membershipId: members[2].membershipId, seconds: 90 });
    await page.locator('.p-speaker', { hasText: names[2] }).waitFor();
    await shows(page, '1 speaker waiting');
    const clock = page.getByTestId('countdown');
    expect(await clock.innerText()).toMatch(/^1:(2\d|30)$/);
    await shows(page, 'Time left');

    await ok(mod, 'session.pause', { sessionId });
    await shows(page, 'Clock stopped');
    const stopped = await clock.innerText();
    await page.waitForTimeout(1500);
    expect(await clock.innerText()).toBe(stopped);
    await ok(mod, 'session.resume', { sessionId });
    await shows(page, 'Time left');
    await ok(mod, 'floor.end', { sessionId });
    await shows(page, 'Nobody has the floor.');
    await ok(sockets[1], 'floor.withdraw', { sessionId });
    await shows(page, 'Nobody is waiting for the floor.');
    await expectAccessible(page, 'projector (en)');
    await page.context().close();
  });

  it('shows Voted: N of M of a secret poll as ballots arrive, then the outcome in words with its numbers', async () => {
    const page = await openPage(browser, t, `/sessions/${sessionId}/projector`, { reducedMotion: 'reduce' });
    await page.getByRole('heading', { level: 1, name: 'The water budget' }).waitFor();
    const poll = (await postSessionPoll(t, moderator, sessionId, { question: 'Adopt the water budget?', rule: MAJORITY, secret: true })).body;
    await ok(mod, 'poll.open', { pollId: poll.id });
    await shows(page, 'Voted: 0 of 3');
    await shows(page, 'Adopt the water budget?');
    const choices = ['for', 'for', 'against'];
    for (let i = 0; i < 3; i++) {
      expect((await cast(t, members[i], poll.id, { choice: choices[i] })).status).toBe(200);
      await shows(page, `Voted: ${i + 1} of 3`);
      // A secret poll shows participation only while open.
      expect(await page.locator('table.counts').count()).toBe(0);
    }
    await ok(mod, 'poll.close', { pollId: poll.id });
    await page.getByRole('status').filter({ hasText: 'Adopted' }).waitFor();
    const table = page.getByRole('table', { name: 'Votes by choice' });
    expect(await table.getByRole('row').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/^For\s+2 votes$/), expect.stringMatching(/^Against\s+1 vote$/)]));
    expect(await page.getByRole('img', { name: 'Votes by choice' }).count()).toBe(1);
    const all = await text(page);
    expect(all).toContain('Voted: 3 of 3');
    expect(all).toContain('Base: votes cast, 3');
    expect(all).toMatch(/Votes for needed: 2/);
    expect(all).toMatch(/No quorum applies|Quorum: \d/);
    // Under reduced motion the bars do not animate.
    expect(await page.locator('.bar').first().evaluate((el) => (globalThis as unknown as { getComputedStyle: (e: unknown) => { transitionDuration: string } }).getComputedStyle(el).transitionDuration)).toBe('0s');
    await expectAccessible(page, 'projector with a result (en)');
    await page.context().close();
  });

  it('shows a named poll’s live counts too', async () => {
    const page = await openPage(browser, t, `/sessions/${sessionId}/projector`);
    const poll = (await postSessionPoll(t, moderator, sessionId, { question: 'Named question', rule: MAJORITY, secret: false })).body;
    await ok(mod, 'poll.open', { pollId: poll.id });
    await shows(page, 'Voted: 0 of 3');
    expect((await cast(t, members[0], poll.id, { choice: 'against' })).status).toBe(200);
    await shows(page, 'Voted: 1 of 3');
    await page.getByRole('table', { name: 'Votes by choice' }).getByText('1 vote').waitFor();
    await ok(mod, 'poll.close', { pollId: poll.id });
    await page.getByRole('status').filter({ hasText: 'Rejected' }).waitFor();
    await page.context().close();
  });

  it('speaks Russian and Kazakh, with their plurals, and passes axe in both', async () => {
    const sockets = await Promise.all(members.map((m) => live.connect(m)));
    await ok(sockets[0], 'floor.request', { sessionId });
    await ok(sockets[1], 'floor.request', { sessionId });
    for (const [lang, waiting, result] of [
      ['ru', '2 выступающих в очереди', 'Отклонено'],
      ['kk', 'Кезекте 2 сөйлеуші', 'Қабылданбады'],
    ] as const) {
      const page = await openPage(browser, t, `/sessions/${sessionId}/projector?lang=${lang}`);
      await shows(page, waiting);
      await shows(page, result);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      await expectAccessible(page, `projector (${lang})`);
      await page.context().close();
    }
    await ok(sockets[2], 'floor.request', { sessionId });
    const ru = await openPage(browser, t, `/sessions/${sessionId}/projector?lang=ru`);
    await shows(ru, '3 выступающих в очереди');
    await ru.context().close();
    for (const s of sockets) await ok(s, 'floor.withdraw', { sessionId });
  });

  it('loads at most 150 KB of JavaScript, gzipped (code-split: no forms, no console)', async () => {
    const context = await openContext(browser, t);
    const page = await context.newPage();
    const scripts: Promise<number>[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.push(r.body().then((b) => gzipSync(b, { level: 9 }).length));
    });
    await page.goto(`/sessions/${sessionId}/projector`);
    await page.getByRole('heading', { level: 1, name: 'The water budget' }).waitFor();
    const sizes = await Promise.all(scripts);
    expect(sizes.length).toBeGreaterThan(1);
    const kb = sizes.reduce((a, b) => a + b, 0) / 1024;
    expect(kb).toBeLessThanOrEqual(150);
    await context.close();
  });

  it('is not found for a sitting that is not public, unless a member of the council looks', async () => {
    const closed = (await createSession(t, moderator, councilId, { title: 'Closed-door sitting', public: false })).id;
    const anonymous = await openPage(browser, t, `/sessions/${closed}/projector`);
    await anonymous.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    expect(await anonymous.getByText('Closed-door sitting').count()).toBe(0);
    await anonymous.context().close();
    const member = await openPage(browser, t, `/sessions/${closed}/projector`, { as: members[0] });
    await member.getByText('Closed-door sitting').waitFor();
    await member.context().close();
  });
});
