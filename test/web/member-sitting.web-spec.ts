import { Browser, Page } from 'playwright-core';
import { Socket } from 'socket.io-client';
import { gzipSync } from 'node:zlib';
import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer, createCouncil, createMember, loginAdmin, Session } from '../support/factories';
import { addItem, createSession, LiveClients, ok, postSessionPoll } from '../support/live';
import { expectAccessible, launchBrowser, openContext, openPage } from './support/browser';

type Member = Session & { membershipId: string; password: string };

/** A phone in the hall. */
const PHONE = { width: 390, height: 844 };

/** The member's sitting view: attendance, the floor and the speaker's clock, in three languages. */
describe('member sitting view', () => {
  let t: TestApp;
  let browser: Browser;
  let live: LiveClients;
  let moderator: Member;
  let members: Member[];
  let names: string[];
  let councilId: string;
  let sessionId: string;
  let mod: Socket;
  let sockets: Socket[];

  const fullName = async (s: Session) => (await t.http().get(`${API}/auth/me`).set(bearer(s))).body.fullName as string;
  const shows = (page: Page, what: string | RegExp) => page.locator('main').getByText(what).first().waitFor();
  const status = (page: Page, what: string | RegExp) => page.getByRole('status').filter({ hasText: what }).first().waitFor();
  const snapshot = async () => (await t.http().get(`${API}/sessions/${sessionId}`).set(bearer(moderator))).body;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    live = new LiveClients(t);
    const admin = await loginAdmin(t);
    councilId = (await createCouncil(t, admin)).id;
    moderator = await createMember(t, admin, councilId, 'Moderator', ['moderator']);
    members = [];
    for (const n of ['Aigerim', 'Bolat', 'Dana', 'Erlan', 'Farida', 'Gulnar']) members.push(await createMember(t, admin, councilId, n));
    names = await Promise.all(members.map(fullName));
    sessionId = (await createSession(t, moderator, councilId, { title: 'Spring plenary' })).id;
    const item = await addItem(t, moderator, sessionId, { title: 'The water budget' });
    mod = await live.connect(moderator);
    await ok(mod, 'session.join', { sessionId });
    await ok(mod, 'session.start', { sessionId });
    await ok(mod, 'agenda.open', { sessionId, itemId: item.id });
    sockets = await Promise.all(members.map((m) => live.connect(m)));
  });
  afterAll(async () => {
    live?.closeAll();
    await browser?.close();
    await t?.close();
  });

  it('checks a member in, queues a floor request of a chosen kind with the member’s place, and withdraws it', async () => {
    const page = await openPage(browser, t, `/sessions/${sessionId}`, { as: members[0], viewport: PHONE });
    await page.getByRole('heading', { level: 1, name: 'Spring plenary' }).waitFor();
    await shows(page, 'Connection: live');
    await shows(page, 'The water budget');
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    await expectAccessible(page, 'member: joined');

    await page.getByRole('button', { name: 'Check in' }).click();
    await status(page, 'Checked in.');
    await shows(page, 'You are checked in.');
    expect((await snapshot()).attendance.present).toBe(1);
    await shows(page, 'Present: 1 of');

    await ok(sockets[1], 'floor.request', { sessionId });
    await shows(page, '1 request waiting.');
    await page.getByLabel('Kind of request').selectOption('reply');
    await page.getByRole('button', { name: 'Request the floor' }).click();
    await status(page, 'Your request is in the queue.');
    await shows(page, 'You are number 2 in the queue.');
    await shows(page, '2 requests waiting.');
    const queue = page.locator('.m-queue li');
    expect(await queue.allInnerTexts()).toEqual([`${names[1]} · Contribution`, `${names[0]} (you) · Reply`]);
    expect((await snapshot()).queue.map((q: { membershipId: string; kind: string }) => [q.membershipId, q.kind])).toEqual([
      [members[1].membershipId, 'contribution'],
      [members[0].membershipId, 'reply'],
    ]);
    await expectAccessible(page, 'member: queued');
    await page.screenshot({ path: '/tmp/member-queued.png', fullPage: true });

    await page.getByRole('button', { name: 'Withdraw my request' }).click();
    await status(page, 'Your request was withdrawn.');
    await shows(page, '1 request waiting.');
    expect((await snapshot()).queue.map((q: { membershipId: string }) => q.membershipId)).toEqual([members[1].membershipId]);
    await page.getByRole('button', { name: 'Request the floor' }).waitFor();

    // The check-in is remembered by this browser across a reload.
    await page.reload();
    await shows(page, 'You are checked in.');
    await ok(sockets[1], 'floor.withdraw', { sessionId });
    await page.context().close();
  });

  it('shows the speaker with the server’s time left, says “your turn” politely, and stops the clock while paused', async () => {
    const page = await openPage(browser, t, `/sessions/${sessionId}`, { as: members[0], viewport: PHONE });
    await shows(page, 'Nobody has the floor.');
    await ok(sockets[0], 'floor.request', { sessionId });
    await shows(page, 'You are number 1 in the queue.');
    await ok(mod, 'floor.grant', { sessionId, membershipId: members[0].membershipId, seconds: 120 });
    const turn = page.locator('.m-turn');
    await turn.getByText('It is your turn to speak.').waitFor();
    expect(await turn.getAttribute('role')).toBe('status');
    await shows(page, `${names[0]} (you) · Contribution`);
    // From endsAt: 2:00 at the grant, counting down (never a local 2:00 guess that stands still).
    const clock = page.locator('.m-time');
    expect(await clock.innerText()).toMatch(/^(2:00|1:5\d)$/);
    await clock.filter({ hasText: /^1:5\d$/ }).waitFor();
    await expectAccessible(page, 'member: my turn');
    await page.screenshot({ path: '/tmp/member-turn.png', fullPage: true });

    await ok(mod, 'session.pause', { sessionId });
    await shows(page, 'Clock stopped');
    const stopped = await clock.innerText();
    await page.waitForTimeout(1500);
    expect(await clock.innerText()).toBe(stopped);
    await ok(mod, 'session.resume', { sessionId });
    await page.locator('main').getByText('Clock stopped').waitFor({ state: 'detached' });

    // Another speaker: the turn message goes.
    await ok(sockets[2], 'floor.request', { sessionId });
    await ok(mod, 'floor.grant', { sessionId, membershipId: members[2].membershipId, seconds: 60 });
    await shows(page, `${names[2]} · Contribution`);
    expect(await turn.innerText()).toBe('');
    await ok(mod, 'floor.end', { sessionId });
    await page.context().close();
  });

  it('refuses a floor request before the sitting starts, with the problem’s message', async () => {
    const later = (await createSession(t, moderator, councilId, { title: 'Autumn plenary' })).id;
    const page = await openPage(browser, t, `/sessions/${later}`, { as: members[0], viewport: PHONE });
    await page.getByRole('heading', { level: 1, name: 'Autumn plenary' }).waitFor();
    await page.getByRole('button', { name: 'Request the floor' }).click();
    await status(page, /Refused: The floor is requested during a sitting\./);
    await page.getByRole('button', { name: 'Request the floor' }).waitFor();
    await expectAccessible(page, 'member: floor refused');
    // Once the sitting closes, the member is told so instead of being offered commands that would be refused.
    await ok(mod, 'session.start', { sessionId: later });
    await ok(mod, 'session.close', { sessionId: later });
    await shows(page, 'The sitting is closed: no more check-ins or floor requests.');
    expect(await page.getByRole('button', { name: 'Check in' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Request the floor' }).count()).toBe(0);
    await expectAccessible(page, 'member: sitting closed');
    await page.context().close();
  });

  it('speaks Russian and Kazakh: <html lang>, the buttons’ names, and the queue’s plural', async () => {
    // Two then five requests ahead: Russian "few" then "many"; Kazakh has one form for both.
    await ok(sockets[1], 'floor.request', { sessionId });
    await ok(sockets[2], 'floor.request', { sessionId });
    const expected = {
      ru: { two: 'В очереди 2 заявки.', five: 'В очереди 5 заявок.', checkIn: 'Зарегистрироваться', request: 'Попросить слово' },
      kk: { two: 'Кезекте 2 өтініш бар.', five: 'Кезекте 5 өтініш бар.', checkIn: 'Тіркелу', request: 'Сөз сұрау' },
    } as const;
    const pages: Record<string, Page> = {};
    for (const lang of ['ru', 'kk'] as const) {
      const page = await openPage(browser, t, `/sessions/${sessionId}?lang=${lang}`, { as: members[5], viewport: PHONE });
      await page.getByRole('heading', { level: 1, name: 'Spring plenary' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await page.getByRole('button', { name: expected[lang].checkIn, exact: true }).waitFor();
      await page.getByRole('button', { name: expected[lang].request, exact: true }).waitFor();
      await shows(page, expected[lang].two);
      pages[lang] = page;
    }
    for (const s of sockets.slice(3, 5)) await ok(s, 'floor.request', { sessionId });
    await ok(sockets[0], 'floor.request', { sessionId });
    for (const lang of ['ru', 'kk'] as const) {
      await shows(pages[lang], expected[lang].five);
      await expectAccessible(pages[lang], `member: queue (${lang})`);
      await pages[lang].screenshot({ path: `/tmp/member-queue-${lang}.png`, fullPage: true });
      await pages[lang].context().close();
    }
  });

  it('loads at most 150 KB of gzipped script on the member’s page, the vote and its confirmation included', async () => {
    const context = await openContext(browser, t, { as: members[0], viewport: PHONE });
    const page = await context.newPage();
    const scripts: Promise<number>[] = [];
    const urls: string[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('.js')) {
        urls.push(r.url());
        scripts.push(r.body().then((b) => gzipSync(b).length));
      }
    });
    await page.goto(`/sessions/${sessionId}`);
    await page.getByRole('button', { name: 'Check in' }).waitFor();
    // A poll opens: the vote and its confirmation dialog are part of what a member's phone loads.
    const poll = await postSessionPoll(t, moderator, sessionId, { rule: { method: 'majority', base: 'cast' }, secret: false, question: 'Weigh the page?' });
    expect(poll.status).toBe(201);
    await ok(mod, 'poll.open', { pollId: poll.body.id });
    await page.getByRole('button', { name: 'For', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).waitFor();
    await page.waitForLoadState('networkidle');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await ok(mod, 'poll.close', { pollId: poll.body.id });
    const sizes = await Promise.all(scripts);
    const total = sizes.reduce((a, b) => a + b, 0) / 1024;
    const report = urls.map((u, i) => `${(sizes[i] / 1024).toFixed(1)} KB ${u.split('/').pop()}`).join(', ');
    expect(scripts.length).toBeGreaterThan(3);
    if (total > 150) throw new Error(`${total.toFixed(1)} KB of script: ${report}`);
    expect(total).toBeLessThanOrEqual(150);
    await context.close();
  });
});
