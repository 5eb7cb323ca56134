import { Browser, Page } from 'playwright-core';
import { Socket } from 'socket.io-client';
import { startTestApp, TestApp } from '../support/test-app';
import { eventLog, LiveClients, ok } from '../support/live';
import { expectAccessible, launchBrowser, openPage } from './support/browser';
import { hall, plenarySitting } from './support/sitting';

type Sitting = Awaited<ReturnType<typeof plenarySitting>>;

/** A laptop, the console's first screen. */
const LAPTOP = { width: 1366, height: 768 };
const TABLET = { width: 820, height: 1180 };

describe('the moderator’s and the chair’s console', () => {
  let t: TestApp;
  let browser: Browser;
  let live: LiveClients;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    live = new LiveClients(t);
  });
  afterEach(() => live.closeAll());
  afterAll(async () => {
    live.closeAll();
    await browser?.close();
    await t?.close();
  });

  const panel = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
  /** With SCREENSHOTS_DIR set, a full-page PNG there to look at. */
  const shot = async (page: Page, name: string) => {
    if (process.env.SCREENSHOTS_DIR) await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/${name}.png`, fullPage: true });
  };
  const console = async (s: Sitting, who: 'moderator' | 'chair', lang = 'en', viewport = LAPTOP) => {
    const page = await openPage(browser, t, `/sessions/${s.sessionId}?lang=${lang}`, { as: s[who], viewport });
    await page.getByRole('heading', { level: 1, name: s.title }).waitFor();
    await page.getByText(/Connection: live|Связь: |Байланыс: /).first().waitFor();
    return page;
  };

  it('runs a sitting: a refused command’s message, start, quorum live, an item, the floor with a time and a point of order at the head, time per speaker and group, pause and resume', async () => {
    const s = await plenarySitting(t, 'Spring plenary');
    const page = await console(s, 'moderator');
    await page.getByText('Moderator’s console').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    await expectAccessible(page, 'console, scheduled (en)');

    // Refused while the sitting is not live: the server's own message.
    const agenda = panel(page, 'Agenda');
    await agenda.getByRole('button', { name: 'Open item 1' }).click();
    const refused = agenda.getByRole('alert');
    await refused.getByText('Open item 1: refused.').waitFor();
    expect(await refused.textContent()).toContain('An agenda item is opened while the session is live.');
    await expectAccessible(page, 'console, a refusal (en)');

    const state = panel(page, 'Sitting');
    // By keyboard: the button goes once the sitting is live, and focus stays in the panel, on its heading.
    await state.getByRole('button', { name: 'Start the sitting' }).focus();
    await page.keyboard.press('Enter');
    await state.getByRole('status').getByText('Start the sitting: done.').waitFor();
    await state.getByText('State: In session').waitFor();
    await page.waitForFunction("document.activeElement?.id === 'c-state-h'");
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Pause');

    // Attendance and quorum follow attendance.changed.
    const attendance = panel(page, 'Attendance');
    await attendance.getByText('Present: 0 of 3').waitFor();
    await attendance.getByText('No quorum').waitFor();
    const sockets: Socket[] = await hall(live, s.sessionId, s.members);
    await ok(sockets[0], 'attendance.checkIn', { sessionId: s.sessionId });
    await ok(sockets[1], 'attendance.checkIn', { sessionId: s.sessionId });
    await attendance.getByText('Present: 2 of 3').waitFor();
    await attendance.getByText('Quorum met').waitFor();

    await agenda.getByRole('button', { name: 'Open item 1' }).click();
    await agenda.getByRole('status').getByText('Open item 1: done.').waitFor();
    await page.getByText('Item 1: Open budget hearings').first().waitFor();
    expect(await agenda.locator('[aria-current="step"]').textContent()).toContain('Open budget hearings');

    // The queue: a contribution, then a point of order that goes to its head.
    const floor = panel(page, 'Floor');
    await ok(sockets[2], 'floor.request', { sessionId: s.sessionId, kind: 'contribution' });
    await floor.getByText('Queue: 1 request').waitFor();
    await ok(sockets[1], 'floor.request', { sessionId: s.sessionId, kind: 'point_of_order' });
    await floor.getByText('Queue: 2 requests').waitFor();
    const queue = floor.getByRole('list', { name: /Queue/ }).getByRole('listitem');
    expect(await queue.nth(0).textContent()).toContain(s.members[1].fullName);
    expect(await queue.nth(0).textContent()).toContain('Point of order');
    expect(await queue.nth(1).textContent()).toContain(s.members[2].fullName);
    await expectAccessible(page, 'console, a queue (en)');

    // A time in seconds: 90 s granted, counted down from the server's endsAt.
    await floor.getByLabel('Time', { exact: true }).fill('90');
    await floor.getByLabel('Unit').selectOption('seconds');
    await floor.getByRole('button', { name: `Give the floor to ${s.members[1].fullName}` }).click();
    await floor.getByRole('status').getByText(`Give the floor to ${s.members[1].fullName}: done.`).waitFor();
    await floor.getByText('Time left').waitFor();
    expect(await floor.getByTestId('countdown').textContent()).toMatch(/^1:[23]\d$/);
    const grant = (await eventLog(t, s.moderator, s.sessionId)).filter((e) => e.type === 'floor.granted').at(-1)!;
    expect(Date.parse(String(grant.payload.endsAt)) - Date.parse(String(grant.payload.grantedAt))).toBe(90_000);
    expect(await floor.getByText('Queue: 1 request').count()).toBe(1);

    // The turn in progress counts against the item's allowance, for the speaker and their group.
    const time = panel(page, 'Time on the item');
    await time.getByText('(speaking)').waitFor();
    await time.getByRole('table', { name: 'By working group' }).getByText('Economic').waitFor();

    // Paused: the clock stops; resumed: it runs on.
    await state.getByRole('button', { name: 'Pause' }).click();
    await state.getByText('State: Paused').waitFor();
    await floor.getByText('Clock stopped').waitFor();
    const stopped = await floor.getByTestId('countdown').textContent();
    await page.waitForTimeout(1500);
    expect(await floor.getByTestId('countdown').textContent()).toBe(stopped);
    await state.getByRole('button', { name: 'Resume' }).click();
    await state.getByText('State: In session').waitFor();
    await floor.getByText('Time left').waitFor();

    await floor.getByRole('button', { name: 'End the floor' }).click();
    await floor.getByText('Nobody has the floor.').waitFor();
    const ended = (await eventLog(t, s.moderator, s.sessionId)).filter((e) => e.type === 'floor.ended').at(-1)!;
    const spoken = Number(ended.payload.spokenSeconds);
    const row = time.getByRole('table', { name: 'By speaker' }).getByRole('row', { name: new RegExp(s.members[1].fullName) });
    await row.getByText(`0:${String(spoken).padStart(2, '0')}`).waitFor();
    await time.getByText(`Used 0:${String(spoken).padStart(2, '0')} of 10:00`).waitFor();

    // A member who did not ask, from the list (the item's speaker first), for 2 minutes.
    await floor.getByLabel('Time', { exact: true }).fill('2');
    await floor.getByLabel('Unit').selectOption('minutes');
    await floor.getByLabel('Another member').selectOption({ label: s.members[0].fullName });
    await floor.getByRole('button', { name: 'Give the floor', exact: true }).click();
    await floor.getByText(s.members[0].fullName, { exact: true }).first().waitFor();
    expect(await floor.getByTestId('countdown').textContent()).toMatch(/^(2:00|1:5\d)$/);
    await expectAccessible(page, 'console, the floor held (en)');
    await shot(page, 'console-floor');

    // A time the server would refuse is caught in the form.
    await floor.getByLabel('Time', { exact: true }).fill('90');
    await floor.getByText('Give a time from 1 second to 60 minutes.').waitFor();
    expect(await floor.getByRole('button', { name: `Give the floor to ${s.members[2].fullName}` }).isDisabled()).toBe(true);

    // Closing asks first; a closed sitting offers no more commands.
    await state.getByRole('button', { name: 'Close the sitting' }).click();
    await state.getByText('Close the sitting? Its open polls close with it.').waitFor();
    await state.getByRole('button', { name: 'Cancel' }).click();
    await state.getByRole('button', { name: 'Close the sitting' }).click();
    await state.getByRole('button', { name: 'Yes, close it' }).click();
    await state.getByText('State: Closed').waitFor();
    expect(await state.getByRole('button').count()).toBe(0);
    await floor.getByText('Nobody has the floor.').waitFor();
    await expectAccessible(page, 'console, closed (en)');
    await page.context().close();
  });

  it('puts a poll from the item’s proposal with a rule built in the form, shows Voted: N of M and the live counts, then the tally explained', async () => {
    const s = await plenarySitting(t, 'Poll sitting');
    const mod = await live.connect(s.moderator);
    await ok(mod, 'session.join', { sessionId: s.sessionId });
    await ok(mod, 'session.start', { sessionId: s.sessionId });
    await ok(mod, 'agenda.open', { sessionId: s.sessionId, itemId: s.items[0].id });
    const sockets = await hall(live, s.sessionId, s.members);
    for (const x of sockets) await ok(x, 'attendance.checkIn', { sessionId: s.sessionId });

    const page = await console(s, 'moderator');
    const polls = panel(page, 'Polls');
    await polls.getByText('No polls yet.').waitFor();
    // The rule builder checks a fraction before the server does.
    await polls.getByLabel('Method').selectOption('qualified');
    const threshold = polls.getByRole('group', { name: 'Rule' });
    await threshold.getByLabel('Numerator').fill('4');
    await threshold.getByLabel('Denominator').fill('3');
    await polls.getByRole('button', { name: 'Create the poll' }).click();
    await polls.getByText('The share must be above 0 and at most 1.').waitFor();
    await threshold.getByLabel('Numerator').fill('2');
    await polls.getByLabel('Comparison').selectOption('at_least');
    await polls.getByRole('radio', { name: 'A share of the eligible' }).check();
    await polls.getByLabel('On the proposal of item 1').check();
    await expectAccessible(page, 'console, the rule builder (en)');
    await polls.getByRole('button', { name: 'Create the poll' }).click();
    await polls.getByRole('status').getByText('Create the poll: done.').waitFor();
    await polls.getByText('Do we support “Open budget hearings”?').waitFor();
    await polls.getByText('(draft)').waitFor();
    expect(await polls.getByTestId('rule').textContent()).toBe('Qualified majority · at least 2/3 · Votes cast (for + against) · Quorum: 1/2');
    const [created] = await t.db.query('SELECT id, proposal_id AS "proposalId", rule FROM polls WHERE session_id = $1', [s.sessionId]);
    expect(created.proposalId).toBe(s.proposal.id);
    expect(created.rule).toMatchObject({ method: 'qualified', base: 'cast', threshold: { numerator: 2, denominator: 3 }, comparator: 'at_least', quorum: { numerator: 1, denominator: 2 }, allowChange: true });

    await polls.getByRole('button', { name: 'Open the poll' }).click();
    await polls.getByText('Voted: 0 of 3').waitFor();
    await ok(sockets[0], 'ballot.cast', { pollId: created.id, choice: 'for' });
    await ok(sockets[1], 'ballot.cast', { pollId: created.id, choice: 'for' });
    await polls.getByText('Voted: 2 of 3').waitFor();
    await ok(sockets[2], 'ballot.cast', { pollId: created.id, choice: 'against' });
    await polls.getByText('Voted: 3 of 3').waitFor();
    const liveCounts = polls.getByRole('table', { name: 'Votes so far' });
    await liveCounts.getByRole('row', { name: 'For 2' }).waitFor();
    await liveCounts.getByRole('row', { name: 'Against 1' }).waitFor();
    await expectAccessible(page, 'console, a poll open (en)');

    await polls.getByRole('button', { name: 'Close the poll' }).click();
    await polls.getByTestId('outcome').getByText('Adopted').waitFor();
    expect(await polls.getByTestId('explanation').textContent()).toMatch(/2.*3/);
    await expectAccessible(page, 'console, a result (en)');
    await shot(page, 'console-result');

    // A new item, with its allowance and speaker, opened at once.
    const agenda = panel(page, 'Agenda');
    await agenda.getByRole('button', { name: 'Add an item' }).click();
    await agenda.getByLabel('Title').fill('Water tariffs');
    await agenda.getByLabel('Time allowance, minutes').fill('0');
    expect(await agenda.getByRole('button', { name: 'Add to the agenda' }).isDisabled()).toBe(true);
    await agenda.getByLabel('Time allowance, minutes').fill('7');
    await agenda.getByLabel('Speakers chosen by the group').selectOption([s.members[2].membershipId]);
    await expectAccessible(page, 'console, adding an item (en)');
    await agenda.getByRole('button', { name: 'Add to the agenda' }).click();
    await agenda.getByRole('status').getByText('Add an item: done.').waitFor();
    await agenda.getByText('3. Water tariffs').waitFor();
    await agenda.getByText('7 minutes · waiting').waitFor();
    const [item] = await t.db.query('SELECT minutes, speaker_membership_ids AS "speakers" FROM agenda_items WHERE session_id = $1 AND title = $2', [s.sessionId, 'Water tariffs']);
    expect(item).toMatchObject({ minutes: 7, speakers: [s.members[2].membershipId] });
    await agenda.getByRole('button', { name: 'Open item 3' }).click();
    await page.getByText('Item 3: Water tariffs').first().waitFor();

    await page.context().close();
  });

  it('lets the chair settle a tied poll with a casting decision and record the decision on the item', async () => {
    const s = await plenarySitting(t, 'Chair sitting');
    const mod = await live.connect(s.moderator);
    await ok(mod, 'session.join', { sessionId: s.sessionId });
    await ok(mod, 'session.start', { sessionId: s.sessionId });
    await ok(mod, 'agenda.open', { sessionId: s.sessionId, itemId: s.items[0].id });
    const sockets = await hall(live, s.sessionId, s.members.slice(0, 2));

    const page = await console(s, 'chair');
    await page.getByText('Chair’s console').waitFor();
    const polls = panel(page, 'Polls');
    await polls.getByLabel('On a tie').selectOption('chair_decides');
    await polls.getByLabel('Question').fill('Hold the hearings in spring?');
    await polls.getByRole('button', { name: 'Create the poll' }).click();
    await polls.getByRole('button', { name: 'Open the poll' }).click();
    await polls.getByText('Voted: 0 of 3').waitFor();
    const [poll] = await t.db.query('SELECT id FROM polls WHERE session_id = $1', [s.sessionId]);
    await ok(sockets[0], 'ballot.cast', { pollId: poll.id, choice: 'for' });
    await ok(sockets[1], 'ballot.cast', { pollId: poll.id, choice: 'against' });
    await polls.getByText('Voted: 2 of 3').waitFor();
    await polls.getByRole('button', { name: 'Close the poll' }).click();
    await polls.getByTestId('outcome').getByText('Tied').waitFor();
    await expectAccessible(page, 'console, a tie for the chair (en)');
    await shot(page, 'console-tie');
    await polls.getByRole('button', { name: 'Casting decision: Adopted' }).click();
    await polls.getByTestId('outcome').getByText('Casting decision: Adopted').waitFor();
    expect(await polls.getByRole('button', { name: 'Casting decision: Rejected' }).count()).toBe(0);

    const decision = panel(page, 'Decision on the open item');
    await decision.getByRole('radio', { name: 'Supported with changes' }).check();
    await decision.getByLabel('Instruction (optional)').fill('Report back at the next sitting.');
    await decision.getByRole('button', { name: 'Record the decision' }).click();
    await decision.getByText('Decision: Supported with changes').waitFor();
    await panel(page, 'Agenda').getByText('Decision: Supported with changes').waitFor();
    const [p] = await t.db.query('SELECT status FROM proposals WHERE id = $1', [s.proposal.id]);
    expect(p.status).toBe('supported_with_changes');
    await expectAccessible(page, 'console, a decision recorded (en)');
    await shot(page, 'console-decided');

    // A moderator's console has no decision to take.
    const moderator = await console(s, 'moderator');
    await moderator.getByText('Moderator’s console').waitFor();
    expect(await moderator.getByRole('region', { name: 'Decision on the open item' }).count()).toBe(0);
    await moderator.context().close();
    await page.context().close();
  });

  it('speaks Russian and Kazakh, plurals included, and stays accessible in both', async () => {
    const s = await plenarySitting(t, 'Отырыс');
    const mod = await live.connect(s.moderator);
    await ok(mod, 'session.join', { sessionId: s.sessionId });
    await ok(mod, 'session.start', { sessionId: s.sessionId });
    await ok(mod, 'agenda.open', { sessionId: s.sessionId, itemId: s.items[0].id });
    const sockets = await hall(live, s.sessionId, s.members);
    for (const x of sockets.slice(0, 2)) await ok(x, 'floor.request', { sessionId: s.sessionId });
    const expected = {
      ru: { console: 'Консоль модератора', minutes: '10 минут', fiveMinutes: '5 минут', queue: 'Очередь: 2 заявки', start: 'Закрыть заседание', poll: 'Создать голосование' },
      kk: { console: 'Модератор пульті', minutes: '10 минут', fiveMinutes: '5 минут', queue: 'Кезек: 2 өтініш', start: 'Отырысты жабу', poll: 'Дауыс беруді құру' },
    } as const;
    for (const lang of ['ru', 'kk'] as const) {
      // Kazakh on a tablet: the console also serves one.
      const page = await console(s, 'moderator', lang, lang === 'kk' ? TABLET : LAPTOP);
      const e = expected[lang];
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await page.getByText(e.console).waitFor();
      await page.getByText(e.minutes, { exact: false }).first().waitFor();
      await page.getByText(e.queue).waitFor();
      await page.getByRole('button', { name: e.start }).waitFor();
      await page.getByRole('button', { name: e.poll }).waitFor();
      await expectAccessible(page, `console (${lang})`);
      // Nothing wider than the screen.
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      await shot(page, `console-${lang}`);
      await page.context().close();
    }
  });
});
