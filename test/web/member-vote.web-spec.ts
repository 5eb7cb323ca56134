import { Browser, Page } from 'playwright-core';
import { Socket } from 'socket.io-client';
import { createHash } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer, createCouncil, createMember, loginAdmin, Session } from '../support/factories';
import { addItem, createSession, LiveClients, ok, postSessionPoll } from '../support/live';
import { expectAccessible, launchBrowser, openContext, openPage } from './support/browser';

type Member = Session & { membershipId: string; password: string };

const PHONE = { width: 390, height: 844 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

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

/** The member's vote: the dialog, the receipt kept and checked, a refusal, and catching up after a drop. */
describe('member vote', () => {
  let t: TestApp;
  let browser: Browser;
  let live: LiveClients;
  let moderator: Member;
  let members: Member[];
  let sessionId: string;
  let mod: Socket;
  let sockets: Socket[];

  const shows = (page: Page, what: string | RegExp) => page.locator('main').getByText(what).first().waitFor();
  const status = (page: Page, what: string | RegExp) => page.getByRole('status').filter({ hasText: what }).first().waitFor();
  const hashes = async (pollId: string) => ((await t.http().get(`${API}/polls/${pollId}/receipts`).set(bearer(moderator)).expect(200)).body.items as { receiptHash: string }[]).map((i) => i.receiptHash);
  const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

  /** A session poll opened over the moderator's socket. */
  const openPoll = async (rule: Record<string, unknown>, secret = false, question = `Question ${Math.random().toString(36).slice(2, 8)}?`) => {
    const res = await postSessionPoll(t, moderator, sessionId, { rule, secret, question });
    if (res.status !== 201) throw new Error(`poll: ${res.status} ${JSON.stringify(res.body)}`);
    await ok(mod, 'poll.open', { pollId: res.body.id });
    return { pollId: res.body.id as string, question };
  };

  /** Picks a choice, fills the reason when asked, confirms in the dialog; resolves with the receipt shown. */
  const vote = async (page: Page, choice: string, reason?: string, axeLabel?: string) => {
    await page.getByRole('button', { name: choice, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    if (reason !== undefined) await dialog.getByRole('textbox').fill(reason);
    if (axeLabel) await expectAccessible(page, axeLabel);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dialog.waitFor({ state: 'detached' });
    await status(page, 'Vote delivered.');
    const receipt = page.getByRole('status', { name: 'Receipt' });
    await receipt.waitFor();
    return (await receipt.innerText()).trim();
  };

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    live = new LiveClients(t);
    const admin = await loginAdmin(t);
    const councilId = (await createCouncil(t, admin)).id;
    moderator = await createMember(t, admin, councilId, 'Moderator', ['moderator']);
    members = [];
    for (const n of ['Aigerim', 'Bolat', 'Dana']) members.push(await createMember(t, admin, councilId, n));
    sessionId = (await createSession(t, moderator, councilId, { title: 'Budget sitting' })).id;
    const item = await addItem(t, moderator, sessionId, { title: 'The budget' });
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

  it('votes in a named poll through the dialog with a reason, changes the vote, and finds its receipt counted after close', async () => {
    const page = await (await openContext(browser, t, { as: members[0], viewport: PHONE })).newPage();
    const casts = castsOf(page);
    await page.goto(`/sessions/${sessionId}`);
    await page.getByRole('heading', { level: 1, name: 'Budget sitting' }).waitFor();
    const { pollId, question } = await openPoll({ method: 'majority', base: 'cast' });
    const banner = page.getByRole('alert').filter({ hasText: 'A vote has opened:' });
    await banner.getByText(question).waitFor();
    await shows(page, 'Adopted with more votes for than half of the base.');
    await shows(page, 'You may change your vote until the poll closes.');
    for (const c of ['For', 'Against', 'Abstain']) await page.getByRole('button', { name: c, exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'For', exact: true }).getAttribute('aria-describedby')).toBeTruthy();
    await shows(page, 'You oppose the proposal.');
    await expectAccessible(page, 'vote: poll opened');
    // The banner is not sticky: it never covers the focused choice.
    expect(await banner.evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).position)).toBe('static');

    const first = await vote(page, 'Against', 'The costs are not shown.', 'vote: dialog with a reason');
    expect(first.length).toBeGreaterThan(10);
    await shows(page, 'Your vote: Against.');
    await expectAccessible(page, 'vote: delivered');
    await page.screenshot({ path: '/tmp/member-voted.png', fullPage: true });
    const second = await vote(page, 'For');
    await shows(page, 'Your vote: For.');
    // A fresh Idempotency-Key for each ballot attempt; the reason only with the against.
    expect(casts).toHaveLength(2);
    expect(casts[0]).toMatchObject({ pollId, choice: 'against', reason: 'The costs are not shown.' });
    expect(casts[1]).toMatchObject({ pollId, choice: 'for' });
    expect(casts[1]).not.toHaveProperty('reason');
    expect(casts[0].idempotencyKey).toMatch(UUID);
    expect(casts[1].idempotencyKey).toMatch(UUID);
    expect(casts[1].idempotencyKey).not.toBe(casts[0].idempotencyKey);

    await ok(sockets[1], 'ballot.cast', { pollId, choice: 'for' });
    await shows(page, 'Voted: 2 of 3');
    await ok(mod, 'poll.close', { pollId });
    await shows(page, 'Adopted');
    const mine = page.getByRole('region', { name: 'My receipts' });
    await mine.getByText(second).waitFor();
    await mine.getByRole('button', { name: 'Check my receipt' }).click();
    await status(page, 'Counted: your receipt is among the ballots.');
    expect(await hashes(pollId)).toContain(sha256(second));
    await expectAccessible(page, 'vote: closed, receipt counted');
    await page.context().close();
  });

  it('votes in a secret poll: the rule says the vote is final, the receipt matches a published hash', async () => {
    const page = await openPage(browser, t, `/sessions/${sessionId}`, { as: members[0], viewport: PHONE });
    await page.getByRole('heading', { level: 1, name: 'Budget sitting' }).waitFor();
    const { pollId } = await openPoll({ method: 'consensus', base: 'cast' }, true);
    await shows(page, 'Secret ballot');
    await shows(page, 'A vote is final once cast.');
    for (const c of ['For', 'Stand aside', 'Block']) await page.getByRole('button', { name: c, exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Against', exact: true }).count()).toBe(0);
    await shows(page, 'You stop the proposal: it cannot pass while a block stands.');
    const receipt = await vote(page, 'Stand aside');
    await shows(page, 'You have voted.');
    await expectAccessible(page, 'vote: secret, delivered');
    // Final: no choice is offered again.
    expect(await page.getByRole('button', { name: 'For', exact: true }).count()).toBe(0);
    await ok(sockets[1], 'ballot.cast', { pollId, choice: 'for' });
    await ok(mod, 'poll.close', { pollId });
    const mine = page.getByRole('region', { name: 'My receipts' });
    await mine.getByRole('button', { name: 'Check my receipt' }).last().click();
    await status(page, 'Counted: your receipt is among the ballots.');
    expect(await hashes(pollId)).toContain(sha256(receipt));
    // The receipt survives a reload (kept by this browser).
    await page.reload();
    await page.getByRole('region', { name: 'My receipts' }).getByText(receipt).waitFor();
    await page.context().close();
  });

  it('shows the problem’s message when a second ballot is refused (allowChange false, cast from another device)', async () => {
    const { pollId } = await openPoll({ method: 'majority', base: 'cast', allowChange: false });
    const phone = await openPage(browser, t, `/sessions/${sessionId}`, { as: members[2], viewport: PHONE });
    await vote(phone, 'For');
    // Another browser of the same member keeps no receipt: it offers the choices, and the server refuses.
    const laptop = await openPage(browser, t, `/sessions/${sessionId}`, { as: members[2] });
    await laptop.getByRole('button', { name: 'Abstain', exact: true }).click();
    await laptop.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await status(laptop, 'Refused: You have voted; this poll does not allow changing a ballot.');
    expect(await laptop.getByRole('status', { name: 'Receipt' }).count()).toBe(0);
    await expectAccessible(laptop, 'vote: refused');
    await ok(mod, 'poll.close', { pollId });
    await phone.context().close();
    await laptop.context().close();
  });

  it('votes in Russian and Kazakh: the choices, the dialog’s Confirm and the Receipt are named in the page’s language', async () => {
    const words = {
      ru: { for: 'За', against: 'Против', abstain: 'Воздержаться', confirm: 'Подтвердить', receipt: 'Квитанция', delivered: 'Голос доставлен.', voted: 'Проголосовали: 1 из 3' },
      kk: { for: 'Жақтап', against: 'Қарсы', abstain: 'Қалыс қалу', confirm: 'Растау', receipt: 'Түбіртек', delivered: 'Дауыс жеткізілді.', voted: 'Дауыс бергендер: 3 ішінен 1' },
    } as const;
    for (const lang of ['ru', 'kk'] as const) {
      const w = words[lang];
      const page = await openPage(browser, t, `/sessions/${sessionId}?lang=${lang}`, { as: members[1], viewport: PHONE });
      await page.getByRole('heading', { level: 1, name: 'Budget sitting' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      const { pollId } = await openPoll({ method: 'majority', base: 'cast' });
      for (const c of [w.for, w.against, w.abstain]) await page.getByRole('button', { name: c, exact: true }).waitFor();
      await expectAccessible(page, `vote: poll opened (${lang})`);
      await page.getByRole('button', { name: w.against, exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox').fill(lang === 'ru' ? 'Нет расчёта затрат.' : 'Шығын есебі жоқ.');
      await expectAccessible(page, `vote: dialog (${lang})`);
      await dialog.getByRole('button', { name: w.confirm, exact: true }).click();
      await status(page, w.delivered);
      const receipt = page.getByRole('status', { name: w.receipt, exact: true });
      await receipt.waitFor();
      await shows(page, w.voted);
      await expectAccessible(page, `vote: delivered (${lang})`);
      await page.screenshot({ path: `/tmp/member-voted-${lang}.png`, fullPage: true });
      await ok(mod, 'poll.close', { pollId });
      await page.context().close();
    }
  });

  it('sends the same ballot again with the same Idempotency-Key when no answer came, and the server counts it once', async () => {
    const page = await (await openContext(browser, t, { as: members[2], viewport: PHONE })).newPage();
    const casts = castsOf(page);
    await page.goto(`/sessions/${sessionId}`);
    await page.getByRole('heading', { level: 1, name: 'Budget sitting' }).waitFor();
    const { pollId } = await openPoll({ method: 'majority', base: 'cast' });
    await page.getByRole('button', { name: 'For', exact: true }).waitFor();
    await page.context().setOffline(true);
    await shows(page, /Connection: (reconnecting|connecting)/);
    await page.getByRole('button', { name: 'For', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await status(page, 'Delivering your vote…');
    // The socket waits 10 s for an acknowledgement before it gives up.
    await page.getByRole('status').filter({ hasText: 'Refused: The server did not answer. Check the connection and try again.' }).waitFor({ timeout: 20_000 });
    await page.context().setOffline(false);
    await shows(page, 'Connection: live');
    await page.getByRole('button', { name: 'Send again' }).click();
    await status(page, 'Vote delivered.');
    const receipt = (await page.getByRole('status', { name: 'Receipt' }).innerText()).trim();
    // However many times the attempt went out, it carried one key, and one ballot stands.
    expect(casts.length).toBeGreaterThanOrEqual(1);
    expect(new Set(casts.map((c) => c.idempotencyKey)).size).toBe(1);
    await ok(mod, 'poll.close', { pollId });
    const poll = (await t.http().get(`${API}/polls/${pollId}`).set(bearer(moderator)).expect(200)).body;
    expect(poll.tally.participation).toBe(1);
    expect(poll.ballots).toEqual([expect.objectContaining({ membershipId: members[2].membershipId, choice: 'for' })]);
    expect(await hashes(pollId)).toEqual([sha256(receipt)]);
    await page.context().close();
  });

  it('catches up after the connection drops mid-poll: the count and the close arrive without a reload', async () => {
    const page = await (await openContext(browser, t, { as: members[0], viewport: PHONE })).newPage();
    const log: string[] = [];
    const t0 = Date.now();
    page.on('websocket', (ws) => {
      log.push(`${Date.now() - t0} open`);
      ws.on('framereceived', (f) => log.push(`${Date.now() - t0} recv ${String(f.payload).slice(0, 300)}`));
      ws.on('framesent', (f) => log.push(`${Date.now() - t0} sent ${String(f.payload).slice(0, 300)}`));
      ws.on('close', () => log.push(`${Date.now() - t0} close`));
    });
    await page.goto(`/sessions/${sessionId}`);
    await page.getByRole('heading', { level: 1, name: 'Budget sitting' }).waitFor();
    const { pollId } = await openPoll({ method: 'majority', base: 'cast' });
    await shows(page, 'Voted: 0 of 3');
    log.push(`${Date.now() - t0} OFFLINE`);
    await page.context().setOffline(true);
    await shows(page, /Connection: (reconnecting|connecting)/);
    await ok(sockets[1], 'ballot.cast', { pollId, choice: 'for' });
    await ok(sockets[2], 'ballot.cast', { pollId, choice: 'against' });
    await ok(mod, 'poll.close', { pollId });
    log.push(`${Date.now() - t0} ONLINE`);
    await page.context().setOffline(false);
    await shows(page, 'Connection: live');
    await page.getByRole('region', { name: 'Result' }).getByText('Voted: 2 of 3').waitFor().catch((e) => {
      console.log(log.join('\n'));
      throw e;
    });
    await shows(page, 'Rejected');
    await expectAccessible(page, 'vote: caught up');
    await page.context().close();
  });
});
