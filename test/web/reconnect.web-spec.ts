import { Browser } from 'playwright-core';
import type { Namespace } from 'socket.io';
import { LiveGateway } from '../../apps/api/src/live/live.gateway';
import { startTestApp, TestApp } from '../support/test-app';
import { createCouncil, createMember, login, loginAdmin } from '../support/factories';
import { cast } from '../support/poll-factories';
import { addItem, createSession, LiveClients, ok, postSessionPoll } from '../support/live';
import { launchBrowser, openContext } from './support/browser';

/** A display that loses its connection mid-poll catches up by afterSeq when it is back. */
describe('live reconnect', () => {
  let t: TestApp;
  let browser: Browser;
  let live: LiveClients;
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    live = new LiveClients(t);
  });
  afterAll(async () => {
    live?.closeAll();
    await browser?.close();
    await t?.close();
  });

  /** Drops the transport of every anonymous socket (the display's), as a network failure would. */
  const dropAnonymous = () => {
    const ns = t.app.get(LiveGateway).namespace as Namespace;
    let dropped = 0;
    for (const s of ns.sockets.values()) {
      if (s.data.user === null) {
        s.conn.close();
        dropped++;
      }
    }
    return dropped;
  };

  it('shows the connection lost, then the ballots and the outcome it missed', async () => {
    const admin = await loginAdmin(t);
    const councilId = (await createCouncil(t, admin)).id;
    const moderator = await createMember(t, admin, councilId, 'Moderator', ['moderator']);
    const members = [];
    for (const n of ['A', 'B', 'C']) members.push(await createMember(t, admin, councilId, n));
    const sessionId = (await createSession(t, moderator, councilId, { public: true, title: 'Reconnecting sitting' })).id;
    const item = await addItem(t, moderator, sessionId, { title: 'Item while offline' });
    const mod = await live.connect(moderator);
    await ok(mod, 'session.join', { sessionId });
    await ok(mod, 'session.start', { sessionId });
    await ok(mod, 'agenda.open', { sessionId, itemId: item.id });
    const poll = (await postSessionPoll(t, moderator, sessionId, { question: 'Decide while I am away?', rule: { method: 'majority', base: 'cast' }, secret: true })).body;
    await ok(mod, 'poll.open', { pollId: poll.id });

    const context = await openContext(browser, t);
    const page = await context.newPage();
    await page.goto(`/sessions/${sessionId}/projector`);
    await page.getByText('Voted: 0 of 3').waitFor();
    await page.getByText('Connection: live').waitFor();

    // Drop first, then go offline at once (socket.io waits at least half a second before it tries again):
    // going offline first could close the socket before the server counts it.
    const dropped = dropAnonymous();
    await context.setOffline(true);
    expect(dropped).toBe(1);
    await page.getByText('Connection: reconnecting').waitFor();
    for (const m of members) expect((await cast(t, m, poll.id, { choice: 'against' })).status).toBe(200);
    await ok(mod, 'poll.close', { pollId: poll.id });
    // Still away: the page shows what it had.
    expect(await page.getByText('Voted: 0 of 3').count()).toBe(1);

    await context.setOffline(false);
    await page.getByText('Connection: live').waitFor({ timeout: 20_000 });
    await page.getByRole('status').filter({ hasText: 'Rejected' }).waitFor();
    await page.getByText('Voted: 3 of 3').waitFor();
    await context.close();
  });
});

/** A sitting outlasts the access token: the page renews it over the socket and keeps following. */
describe('live token renewal', () => {
  /** The shortest lifetime the configuration takes. */
  const TTL_S = 30;
  let t: TestApp;
  let browser: Browser;
  let live: LiveClients;
  beforeAll(async () => {
    t = await startTestApp({ JWT_ACCESS_TTL: String(TTL_S) });
    browser = await launchBrowser();
    live = new LiveClients(t);
  });
  afterAll(async () => {
    live?.closeAll();
    await browser?.close();
    await t?.close();
  });

  it('keeps a member in a closed-door sitting past the token’s lifetime', async () => {
    const admin = await loginAdmin(t);
    const councilId = (await createCouncil(t, admin)).id;
    const moderator = await createMember(t, admin, councilId, 'Moderator', ['moderator']);
    const member = await createMember(t, admin, councilId, 'Member');
    const sessionId = (await createSession(t, moderator, councilId, { public: false, title: 'Closed-door sitting' })).id;
    const first = await addItem(t, moderator, sessionId, { title: 'First item' });
    const second = await addItem(t, moderator, sessionId, { title: 'Second item' });
    const context = await openContext(browser, t, { as: member });
    const page = await context.newPage();
    await page.goto(`/sessions/${sessionId}`);
    await page.getByText('Connection: live').waitFor();
    const mod = await live.connect(moderator);
    await ok(mod, 'session.join', { sessionId });
    await ok(mod, 'session.start', { sessionId });
    await ok(mod, 'agenda.open', { sessionId, itemId: first.id });
    await page.getByText('1. First item').waitFor();
    // Past the member's first token (and the moderator's: a fresh socket for the next command).
    await page.waitForTimeout((TTL_S + 2) * 1000);
    const again = await live.connect(await login(t, moderator.email, moderator.password));
    await ok(again, 'session.join', { sessionId });
    await ok(again, 'agenda.open', { sessionId, itemId: second.id });
    await page.getByText('2. Second item').waitFor();
    await context.close();
  }, 120_000);
});
