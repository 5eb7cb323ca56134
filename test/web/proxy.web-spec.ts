import { Browser, Page } from 'playwright-core';
import { Socket } from 'socket.io-client';
import { TestApp, startTestApp } from '../support/test-app';
import { API, bearer } from '../support/factories';
import { LiveClients, ok, postSessionPoll } from '../support/live';
import { expectAccessible, launchBrowser, openContext, openPage } from './support/browser';
import { Person, plenarySitting } from './support/sitting';

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };

/** The ballot.cast payloads a page sent over its socket (socket.io frames `42<ack>["ballot.cast",{…}]`). */
function castsOf(page: Page): Record<string, unknown>[] {
  const casts: Record<string, unknown>[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', (f) => {
      const m = /^42(?:\/[^,[]*,)?\d*(\[.*\])$/s.exec(typeof f.payload === 'string' ? f.payload : f.payload.toString());
      if (!m) return;
      const [name, body] = JSON.parse(m[1]) as [string, Record<string, unknown>];
      if (name === 'ballot.cast') casts.push(body);
    }),
  );
  return casts;
}

/**
 * A sitting with a proxy, in the browser: member A gives B a proxy for the
 * sitting (and revokes and gives it again), the console counts A as
 * represented, B votes for themself and, labelled, for A, each through the
 * dialog with its own receipt, and the hall's projector shows both ballots
 * and the outcome.
 */
describe('proxy voting in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let live: LiveClients;
  let s: Awaited<ReturnType<typeof plenarySitting>>;
  let A: Person;
  let B: Person;
  let C: Person;
  let mod: Socket;

  const status = (page: Page, what: string | RegExp) => page.getByRole('status').filter({ hasText: what }).first().waitFor();
  const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

  /** Picks a choice in a ballot's region, confirms in the dialog (which says for whom); resolves with the receipt. */
  const vote = async (page: Page, where: ReturnType<Page['getByRole']>, choice: string, o: { confirm?: string; forWhom?: string; axe?: string; delivered?: string; receipt?: string } = {}) => {
    await where.getByRole('button', { name: choice, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    if (o.forWhom) await dialog.getByText(o.forWhom, { exact: true }).waitFor();
    else expect(await dialog.locator('.m-for').count()).toBe(0);
    if (o.axe) await expectAccessible(page, o.axe);
    await dialog.getByRole('button', { name: o.confirm ?? 'Confirm', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await where.getByRole('status').filter({ hasText: o.delivered ?? 'Vote delivered.' }).waitFor();
    const receipt = where.getByRole('status', { name: o.receipt ?? 'Receipt', exact: true });
    await receipt.waitFor();
    return (await receipt.innerText()).trim();
  };

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    live = new LiveClients(t);
    s = await plenarySitting(t, 'Proxy plenary', { public: true });
    [A, B, C] = s.members;
    await t
      .http()
      .patch(`${API}/councils/${s.council.id}`)
      .set(bearer(s.admin))
      .send({ proxyVoting: { enabled: true, maxPerDelegate: 1, delegatorMayVote: false, countTowardQuorum: false, onSecretPolls: false } })
      .expect(200);
    mod = await live.connect(s.moderator);
    await ok(mod, 'session.join', { sessionId: s.sessionId });
    await ok(mod, 'session.start', { sessionId: s.sessionId });
    await ok(mod, 'agenda.open', { sessionId: s.sessionId, itemId: s.items[0].id });
  });
  afterAll(async () => {
    live?.closeAll();
    await browser?.close();
    await t?.close();
  });

  it('gives, revokes and gives again a sitting proxy; the delegate votes for themself and for the member they represent; the projector counts both', async () => {
    const url = `/sessions/${s.sessionId}`;
    // A, who cannot attend, gives B the proxy from their phone.
    const a = await openPage(browser, t, url, { as: A, viewport: PHONE });
    await a.getByRole('heading', { level: 1, name: 'Proxy plenary' }).waitFor();
    const proxyA = region(a, 'Proxy');
    await proxyA.getByText('If you cannot attend').waitFor();
    await proxyA.getByRole('button', { name: 'Give proxy' }).click();
    await proxyA.getByRole('status').getByText('Choose the member who will vote for you.').waitFor();
    const select = proxyA.getByLabel('Give my proxy for this sitting to');
    // The council's members with a vote, not A themself, nor the moderator or chair.
    expect((await select.locator('option').allInnerTexts()).slice(1).sort()).toEqual([B.fullName, C.fullName].sort());
    await expectAccessible(a, 'proxy: none given');
    await select.selectOption({ label: B.fullName });
    await proxyA.getByRole('button', { name: 'Give proxy' }).click();
    await status(a, `Proxy given to ${B.fullName}.`);
    await proxyA.getByText(`Your proxy for this sitting: ${B.fullName}.`).waitFor();
    await proxyA.getByText('Status: in force.').waitFor();
    await expectAccessible(a, 'proxy: given');
    await a.screenshot({ path: '/tmp/proxy-given.png', fullPage: true });
    // Revoked, then given again.
    await proxyA.getByRole('button', { name: 'Revoke my proxy' }).click();
    await status(a, 'Proxy revoked.');
    await proxyA.getByText(`Your proxy to ${B.fullName} was revoked.`).waitFor();
    // B, the delegate, checks in before A gives the proxy again: B's page learns of it live.
    const context = await openContext(browser, t, { as: B, viewport: PHONE });
    const b = await context.newPage();
    const casts = castsOf(b);
    await b.goto(url);
    await b.getByRole('button', { name: 'Check in' }).click();
    await status(b, 'Checked in.');
    await region(b, 'Proxy').getByLabel('Give my proxy for this sitting to').waitFor();
    expect(await region(b, 'Proxy').getByText('You vote for').count()).toBe(0);
    await select.selectOption({ label: B.fullName });
    await proxyA.getByRole('button', { name: 'Give proxy' }).click();
    await proxyA.getByText(`Your proxy for this sitting: ${B.fullName}.`).waitFor();
    const given = (await t.http().get(`${API}/sessions/${s.sessionId}/proxies`).set(bearer(C)).expect(200)).body.items as { status: string; delegatorMembershipId: string; delegateMembershipId: string }[];
    expect(given.map((p) => p.status).sort()).toEqual(['active', 'revoked']);
    expect(given.every((p) => p.delegatorMembershipId === A.membershipId && p.delegateMembershipId === B.membershipId)).toBe(true);

    // In Russian, A's proxy is named in the page's language.
    const aRu = await openPage(browser, t, `${url}?lang=ru`, { as: A, viewport: PHONE });
    const proxyRu = region(aRu, 'Доверенность');
    await proxyRu.getByText(`Ваша доверенность на это заседание: ${B.fullName}.`).waitFor();
    await proxyRu.getByText('Статус: действует.').waitFor();
    await proxyRu.getByRole('button', { name: 'Отозвать доверенность' }).waitFor();
    await expectAccessible(aRu, 'proxy: given (ru)');
    await aRu.context().close();

    // B may not give a proxy of their own (no chains): the server's words.
    const proxyB = region(b, 'Proxy');
    await proxyB.getByText(`You vote for 1 member: ${A.fullName}.`).waitFor();
    await proxyB.getByLabel('Give my proxy for this sitting to').selectOption({ label: C.fullName });
    await proxyB.getByRole('button', { name: 'Give proxy' }).click();
    const refused = proxyB.getByRole('status').filter({ hasText: 'Refused:' });
    await refused.waitFor();
    expect((await refused.innerText()).length).toBeGreaterThan('Refused: '.length + 5);
    await expectAccessible(b, 'proxy: refused');

    // The console counts A as represented beside the present.
    const consolePage = await openPage(browser, t, url, { as: s.moderator, viewport: LAPTOP });
    const attendance = region(consolePage, 'Attendance');
    await attendance.getByText('Present: 1 of 3').waitFor();
    await attendance.getByText('Represented by proxy: 1 member').waitFor();
    await expectAccessible(consolePage, 'console: attendance with represented');

    // The hall's display, anonymous on a public sitting.
    const projector = await openPage(browser, t, `${url}/projector`);
    await projector.getByRole('heading', { level: 1, name: 'Open budget hearings' }).waitFor();

    const poll = (await postSessionPoll(t, s.moderator, s.sessionId, { question: 'Hold the hearings in May?', rule: { method: 'majority', base: 'cast' } })).body;
    await ok(mod, 'poll.open', { pollId: poll.id });
    await projector.getByText('Voted: 0 of 3').waitFor();
    const own = region(b, 'Your own vote');
    const forA = region(b, `Voting for ${A.fullName}`);
    await forA.getByRole('button', { name: 'Against', exact: true }).waitFor();
    await b.getByText('You hold a proxy: cast your own vote and 1 vote for the member you represent.').waitFor();
    // Each ballot's buttons say whose ballot they are.
    const describedBy = (await forA.getByRole('button', { name: 'For', exact: true }).getAttribute('aria-describedby')) ?? '';
    expect(describedBy.split(' ')).toContain(await forA.getByRole('heading').getAttribute('id'));
    await expectAccessible(b, 'proxy: two ballots');

    const mine = await vote(b, own, 'For');
    await own.getByText('Your vote: For.').waitFor();
    await projector.getByText('Voted: 1 of 3').waitFor();
    const theirs = await vote(b, forA, 'Against', { forWhom: `Voting for ${A.fullName}`, axe: 'proxy: dialog for the represented member' });
    await forA.getByText(`Vote for ${A.fullName}: Against.`).waitFor();
    expect(theirs).not.toBe(mine);
    await projector.getByText('Voted: 2 of 3').waitFor();
    await expectAccessible(b, 'proxy: both delivered');
    await b.screenshot({ path: '/tmp/proxy-delegate.png', fullPage: true });
    expect(casts).toHaveLength(2);
    expect(casts[0]).toMatchObject({ pollId: poll.id, choice: 'for' });
    expect(casts[0]).not.toHaveProperty('onBehalfOf');
    expect(casts[1]).toMatchObject({ pollId: poll.id, choice: 'against', onBehalfOf: A.membershipId });

    // A is not offered a proxy ballot; the poll counts two, one of them by proxy.
    expect(await region(a, `Voting for ${A.fullName}`).count()).toBe(0);
    const closed = (await ok(mod, 'poll.close', { pollId: poll.id })).poll;
    expect(closed.tally).toMatchObject({ participation: 2, represented: 1 });
    const named = (await t.http().get(`${API}/polls/${poll.id}`).set(bearer(C)).expect(200)).body.ballots as { membershipId: string; choice: string; castByMembershipId: string | null }[];
    expect(named).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ membershipId: B.membershipId, choice: 'for' }),
        expect.objectContaining({ membershipId: A.membershipId, choice: 'against', castByMembershipId: B.membershipId }),
      ]),
    );
    await projector.getByRole('status').filter({ hasText: 'Rejected' }).waitFor();
    expect(await projector.locator('main').innerText()).toContain('Voted: 2 of 3');
    await expectAccessible(projector, 'proxy: projector result');
    await projector.screenshot({ path: '/tmp/proxy-projector.png', fullPage: true });
    await Promise.all([a, b, consolePage, projector].map((p) => p.context().close()));
  });

  it('labels the proxy ballot in Kazakh and casts it through the dialog', async () => {
    const b = await openPage(browser, t, `/sessions/${s.sessionId}?lang=kk`, { as: B, viewport: PHONE });
    await b.getByRole('heading', { level: 1, name: 'Proxy plenary' }).waitFor();
    const poll = (await postSessionPoll(t, s.moderator, s.sessionId, { question: 'Мамырда өткізу керек пе?', rule: { method: 'majority', base: 'cast' } })).body;
    await ok(mod, 'poll.open', { pollId: poll.id });
    const forA = region(b, `${A.fullName} атынан дауыс беру`);
    await region(b, 'Өз дауысыңыз').getByRole('button', { name: 'Жақтап', exact: true }).waitFor();
    await expectAccessible(b, 'proxy: two ballots (kk)');
    await vote(b, forA, 'Жақтап', { forWhom: `${A.fullName} атынан дауыс беру`, confirm: 'Растау', delivered: 'Дауыс жеткізілді.', receipt: 'Түбіртек', axe: 'proxy: dialog (kk)' });
    await forA.getByText(`${A.fullName} атынан дауыс: Жақтап.`).waitFor();
    await expectAccessible(b, 'proxy: delivered (kk)');
    await b.screenshot({ path: '/tmp/proxy-delegate-kk.png', fullPage: true });
    const closed = (await ok(mod, 'poll.close', { pollId: poll.id })).poll;
    expect(closed.tally).toMatchObject({ participation: 1, represented: 1 });
    await b.context().close();
  });
});
