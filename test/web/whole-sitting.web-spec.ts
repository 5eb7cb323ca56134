import { Browser, Page } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { eventLog } from '../support/live';
import { expectAccessible, launchBrowser, openPage } from './support/browser';
import { plenarySitting } from './support/sitting';

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const HALL = { width: 1920, height: 1080 };

/**
 * A whole sitting in the browser, everyone in a context of their own: the
 * chair and the moderator at their consoles, three members on their phones,
 * and the hall's projector (anonymous: the sitting is public).
 */
describe('a whole sitting in the browser', () => {
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

  const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

  it('check-in and quorum, the floor with a point of order, a poll voted in the browser shown as Voted: 3 of 3 then its outcome, and the chair’s decision', async () => {
    const s = await plenarySitting(t, 'Spring plenary', { public: true });
    const path = `/sessions/${s.sessionId}`;
    const [moderator, chair, projector, ...members] = await Promise.all([
      openPage(browser, t, path, { as: s.moderator, viewport: LAPTOP }),
      openPage(browser, t, path, { as: s.chair, viewport: LAPTOP }),
      openPage(browser, t, `${path}/projector`, { viewport: HALL }),
      ...s.members.map((m) => openPage(browser, t, path, { as: m, viewport: PHONE })),
    ]);
    await moderator.getByText('Moderator’s console').waitFor();
    await chair.getByText('Chair’s console').waitFor();
    for (const m of members) await m.getByRole('button', { name: 'Check in' }).waitFor();
    await projector.getByRole('heading', { level: 1 }).waitFor();

    // The moderator starts; members check in; the consoles follow attendance and the quorum (2 of 3).
    await region(moderator, 'Sitting').getByRole('button', { name: 'Start the sitting' }).click();
    await region(chair, 'Sitting').getByText('State: In session').waitFor();
    const attendance = region(chair, 'Attendance');
    await members[0].getByRole('button', { name: 'Check in' }).click();
    await attendance.getByText('Present: 1 of 3').waitFor();
    await attendance.getByText('No quorum').waitFor();
    await members[1].getByRole('button', { name: 'Check in' }).click();
    await attendance.getByText('Present: 2 of 3').waitFor();
    await attendance.getByText('Quorum met').waitFor();
    await members[2].getByRole('button', { name: 'Check in' }).click();
    await region(moderator, 'Attendance').getByText('Present: 3 of 3').waitFor();

    await region(moderator, 'Agenda').getByRole('button', { name: 'Open item 1' }).click();
    await projector.getByRole('heading', { level: 1, name: 'Open budget hearings' }).waitFor();

    // The floor: a contribution, then a point of order that goes ahead of it.
    await members[2].getByRole('button', { name: 'Request the floor' }).click();
    await members[1].getByLabel('Kind of request').selectOption('point_of_order');
    await members[1].getByRole('button', { name: 'Request the floor' }).click();
    const floor = region(moderator, 'Floor');
    await floor.getByText('Queue: 2 requests').waitFor();
    const queue = floor.getByRole('list', { name: /Queue/ }).getByRole('listitem');
    expect(await queue.nth(0).textContent()).toContain(s.members[1].fullName);
    expect(await queue.nth(0).textContent()).toContain('Point of order');
    await floor.getByLabel('Time', { exact: true }).fill('1');
    await floor.getByRole('button', { name: `Give the floor to ${s.members[1].fullName}` }).click();
    await projector.getByText(s.members[1].fullName).first().waitFor();
    await members[1].getByText('It is your turn to speak.').waitFor();
    await floor.getByRole('button', { name: 'End the floor' }).click();
    await floor.getByText('Nobody has the floor.').waitFor();
    await region(moderator, 'Time on the item').getByRole('table', { name: 'By speaker' }).getByText(s.members[1].fullName).waitFor();

    // A poll on the item's proposal, voted in the browser.
    const polls = region(moderator, 'Polls');
    await polls.getByRole('button', { name: 'Create the poll' }).click();
    await polls.getByRole('button', { name: 'Open the poll' }).click();
    await projector.getByText('Voted: 0 of 3').waitFor();
    const choices = ['For', 'For', 'Against'];
    for (const [i, m] of members.entries()) {
      await m.getByRole('button', { name: choices[i], exact: true }).click();
      await m.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
      await m.getByRole('status').filter({ hasText: 'Vote delivered.' }).first().waitFor();
      await m.getByLabel('Receipt', { exact: true }).waitFor();
    }
    await projector.getByText('Voted: 3 of 3').waitFor();
    await polls.getByText('Voted: 3 of 3').waitFor();
    await polls.getByRole('table', { name: 'Votes so far' }).getByRole('row', { name: 'For 2' }).waitFor();
    await expectAccessible(projector, 'projector, a poll open');

    await polls.getByRole('button', { name: 'Close the poll' }).click();
    await projector.getByText('Adopted').first().waitFor();
    await polls.getByTestId('outcome').getByText('Adopted').waitFor();
    expect(await polls.getByTestId('explanation').textContent()).toMatch(/2 for/);
    await expectAccessible(projector, 'projector, the outcome');

    // The chair decides on the item; every console shows it.
    const decision = region(chair, 'Decision on the open item');
    await decision.getByRole('radio', { name: 'Supported', exact: true }).check();
    await decision.getByLabel('Instruction (optional)').fill('The ministry of finance drafts the rules.');
    await decision.getByRole('button', { name: 'Record the decision' }).click();
    await decision.getByText('Decision: Supported').waitFor();
    await region(moderator, 'Agenda').getByText('Decision: Supported').waitFor();
    await expectAccessible(chair, 'chair, the decision recorded');

    const log = (await eventLog(t, s.moderator, s.sessionId)).map((e) => e.type);
    for (const type of ['session.started', 'attendance.changed', 'agenda.opened', 'floor.requested', 'floor.granted', 'floor.ended', 'poll.opened', 'tally.updated', 'poll.closed', 'decision.recorded']) expect(log).toContain(type);
    for (const p of [moderator, chair, projector, ...members]) await p.context().close();
  });
});
