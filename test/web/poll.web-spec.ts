import { Browser, Page } from 'playwright-core';
import { createHash, randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer, Session } from '../support/factories';
import { createPoll, GroupCouncil, groupCouncil, openPoll, closePoll, proposalInDeliberation, vote } from '../support/poll-factories';
import { ContextOptions, expectAccessible, launchBrowser, openContext as openContextAt } from './support/browser';

const PHONE = { width: 390, height: 844 };
/** How long a step waits for the page: longer than the suite's default, since the machine these run on is shared and often loaded. */
const WAIT_MS = 30_000;

const openContext = async (browser: Browser, t: TestApp, o: ContextOptions) => {
  const context = await openContextAt(browser, t, o);
  context.setDefaultTimeout(WAIT_MS);
  return context;
};
const openPage = async (browser: Browser, t: TestApp, path: string, o: ContextOptions) => {
  const page = await (await openContext(browser, t, o)).newPage();
  await page.goto(path);
  return page;
};
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * The poll page and a group's new poll page: the coordinator builds a rule
 * reading it in words, creates and opens the poll on a proposal, members
 * vote (some through the API), the coordinator closes it, the tally and its
 * explanation show, the minority files and co-signs an opinion, the chair
 * acknowledges it, and a receipt is found among the published hashes.
 */
// Whole stories in a browser, several pages each, on a shared 2-core machine.
jest.setTimeout(480_000);

describe('poll page', () => {
  let t: TestApp;
  let browser: Browser;
  let g: GroupCouncil;
  let proposal: { id: string; title: string };

  const words = (page: Page) => page.getByTestId('rule-words');
  const status = (page: Page, what: string | RegExp) => page.getByRole('status').filter({ hasText: what }).first().waitFor();
  const fullName = async (who: Session) => (await t.http().get(`${API}/auth/me`).set(bearer(who)).expect(200)).body.fullName as string;

  /** Picks a choice, confirms it in the dialog (with a reason when given); resolves with the receipt shown. */
  const voteInPage = async (page: Page, choice: string, reason?: string, after = `Your vote: ${choice}.`) => {
    await page.getByRole('button', { name: choice, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    if (reason !== undefined) await dialog.getByRole('textbox').fill(reason);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dialog.waitFor({ state: 'detached' });
    await status(page, 'Vote delivered.');
    await page.getByText(after).waitFor();
    const receipt = page.getByRole('status', { name: 'Receipt' });
    await receipt.waitFor();
    return (await receipt.innerText()).trim();
  };

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    g = await groupCouncil(t, 4);
    proposal = await proposalInDeliberation(t, g.coordinator, g.groupId);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('from the rule in words to the tally, a minority opinion co-signed and acknowledged, and a receipt found', async () => {
    const [v1, v2, v3, v4] = g.members;
    // The coordinator builds the rule and reads it.
    const coord = await openPage(browser, t, `/working-groups/${g.groupId}/polls/new?proposalId=${proposal.id}`, { as: g.coordinator });
    await coord.getByRole('heading', { level: 1, name: /^New poll of / }).waitFor();
    await coord.getByText('The group has 5 members: the example counts them all as eligible.').waitFor();
    await words(coord).getByText('Simple majority: adopted when more than half of the base votes for.').waitFor();
    await words(coord).getByText('If 5 members vote for or against, 3 votes for are needed.').waitFor();
    // A group poll has no one present.
    expect(await coord.getByLabel('Base', { exact: true }).locator('option').allTextContents()).toEqual(['Votes cast (for + against)', 'Votes cast with abstentions', 'All eligible voters']);
    await coord.getByLabel('Base', { exact: true }).selectOption('eligible');
    await words(coord).getByText('The base is every eligible voter, whether they vote or not: an abstention or a missing vote counts against adoption.').waitFor();
    await words(coord).getByText('With 5 eligible voters, 3 votes for are needed.').waitFor();
    // The study's example, tried with numbers: 36 of 100 members is not a majority…
    await words(coord).getByLabel('Size of the base').fill('100');
    await words(coord).getByLabel('Votes for').fill('36');
    await words(coord).getByText('With 100 eligible voters, 51 votes for are needed.').waitFor();
    await status(coord, '36 votes for of 100 would not adopt it (51 needed).');
    // …while 36 of 60 present is.
    await words(coord).getByLabel('Size of the base').fill('60');
    await status(coord, '36 votes for of 60 would adopt it (31 needed).');
    await coord.getByLabel('Method').selectOption('qualified');
    await coord.getByLabel('Numerator').first().fill('2');
    await coord.getByLabel('Denominator').first().fill('3');
    await words(coord).getByText('Qualified majority: adopted when at least 2/3 of the base votes for.').waitFor();
    await words(coord).getByText('With 60 eligible voters, 40 votes for are needed.').waitFor();
    await coord.getByLabel('Method').selectOption('majority');
    await coord.getByRole('radio', { name: 'A share of the eligible' }).check();
    await words(coord).getByText('Quorum: 1/2 of the eligible voters must take part: 3 of 5, or there is no decision (no quorum).').waitFor();
    await coord.getByLabel('Numerator').fill('0');
    await words(coord).getByText("Correct the rule's fields to read it in words.").waitFor();
    await coord.getByRole('button', { name: 'Create the poll' }).click();
    await coord.getByText('The share must be above 0 and at most 1.').waitFor();
    await coord.getByLabel('Numerator').fill('1');
    await expectAccessible(coord, 'new group poll, the rule builder (en)');
    await coord.screenshot({ path: '/tmp/poll-new.png', fullPage: true });
    await coord.getByRole('button', { name: 'Create the poll' }).click();

    // On the poll's page, a draft: the rule in words before anyone votes.
    await coord.waitForURL(/\/polls\/[0-9a-f-]{36}$/);
    const pollId = coord.url().split('/').pop()!;
    await coord.getByRole('heading', { level: 1, name: `Do we recommend “${proposal.title}”?` }).waitFor();
    await coord.getByText('Draft: voting has not started.').waitFor();
    await words(coord).getByText('With 5 eligible voters, 3 votes for are needed.').waitFor();
    const [created] = await t.db.query('SELECT rule, proposal_id AS "proposalId", working_group_id AS "groupId" FROM polls WHERE id = $1', [pollId]);
    expect(created).toMatchObject({ proposalId: proposal.id, groupId: g.groupId, rule: { method: 'majority', base: 'eligible', quorum: { numerator: 1, denominator: 2 }, tie: 'fails', allowChange: true } });
    await expectAccessible(coord, 'poll page, draft (en)');
    await coord.getByRole('button', { name: 'Open the poll' }).click();
    await coord.getByText('Open for voting.').waitFor();
    await coord.getByText('Voted: 0 of 5').waitFor();

    // The coordinator votes, then changes the vote (allowChange).
    for (const c of ['For', 'Against', 'Abstain']) await coord.getByRole('button', { name: c, exact: true }).waitFor();
    expect(await coord.getByRole('button', { name: 'Block', exact: true }).count()).toBe(0);
    const abstained = await voteInPage(coord, 'Abstain');
    await coord.getByText('Your vote: Abstain.').waitFor();
    const coordReceipt = await voteInPage(coord, 'For');
    expect(coordReceipt).not.toBe(abstained);
    await coord.getByText('Your vote: For.').waitFor();
    await expectAccessible(coord, 'poll page, voted (en)');

    // A member votes against on a phone, with a reason.
    const minority = await (await openContext(browser, t, { as: v3, viewport: PHONE })).newPage();
    await minority.goto(`/polls/${pollId}`);
    await minority.getByText('Open for voting.').waitFor();
    const minorityReceipt = await voteInPage(minority, 'Against', 'The costs are not shown.');
    await minority.getByText('Your vote: Against.').waitFor();
    await expectAccessible(minority, 'poll page, voted on a phone (en)');
    // No sideways scrolling on a phone.
    const overflow = await minority.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await minority.screenshot({ path: '/tmp/poll-phone.png', fullPage: true });

    // The others through the API.
    await vote(t, v1, pollId, 'for');
    await vote(t, v2, pollId, 'for');
    await vote(t, v4, pollId, 'against');
    await coord.getByText('Voted: 5 of 5').waitFor();

    await coord.getByRole('button', { name: 'Close the poll' }).click();
    await coord.getByText('Closed.').waitFor();
    const result = coord.getByRole('region', { name: 'Result' });
    await result.getByText('Adopted', { exact: true }).waitFor();
    const counts = result.getByRole('table', { name: 'Votes' });
    await counts.getByRole('row', { name: 'For 3' }).waitFor();
    await counts.getByRole('row', { name: 'Against 2' }).waitFor();
    await counts.getByRole('row', { name: 'Abstain 0' }).waitFor();
    const tally = (lang: string) => t.http().get(`${API}/polls/${pollId}/tally?lang=${lang}`).set(bearer(g.coordinator)).expect(200);
    const en = (await tally('en')).body;
    expect(en).toMatchObject({ outcome: 'adopted', base: 'eligible', baseSize: 5, forNeeded: 3, quorumNeeded: 3, participation: 5 });
    await result.getByText(en.explanation, { exact: true }).waitFor();
    const figures = (await result.locator('dl').innerText()).replace(/\s+/g, ' ');
    expect(figures).toContain('Base All eligible voters Size of the base 5 Votes for needed 3 Quorum needed 3 Took part 5 of 5 eligible');
    // Named: who voted how.
    await result.getByRole('table', { name: 'Who voted how' }).getByRole('row', { name: new RegExp(`^${await fullName(v3)} Against$`) }).waitFor();
    await expectAccessible(coord, 'poll page, closed (en)');
    await coord.screenshot({ path: '/tmp/poll-closed.png', fullPage: true });

    // The coordinator's kept receipt is found among the published hashes; another is not.
    const check = coord.getByRole('region', { name: 'Check your receipt' });
    expect(await check.getByLabel('Receipt to check').inputValue()).toBe(coordReceipt);
    await check.getByRole('button', { name: 'Check the receipt' }).click();
    await status(coord, 'Counted: your receipt is among the 5 ballots of this poll.');
    const published = ((await t.http().get(`${API}/polls/${pollId}/receipts`).set(bearer(g.coordinator)).expect(200)).body.items as { receiptHash: string }[]).map((i) => i.receiptHash);
    expect(published).toContain(sha256(coordReceipt));
    expect(published).toContain(sha256(minorityReceipt));
    expect(published).not.toContain(sha256(abstained));
    await check.getByLabel('Receipt to check').fill(abstained);
    await check.getByRole('button', { name: 'Check the receipt' }).click();
    await status(coord, 'Not found: none of the 5 ballots of this poll has this receipt.');
    // The coordinator voted with the majority: no form to file.
    const opinions = (page: Page) => page.getByRole('region', { name: 'Minority opinions' });
    await opinions(coord).getByText('You voted with the majority: only members who voted in the minority may file or co-sign a minority opinion.').waitFor();
    expect(await opinions(coord).getByRole('button', { name: 'File the opinion' }).count()).toBe(0);

    // The member in the minority files an opinion (their page follows the close).
    await minority.getByRole('region', { name: 'Result' }).getByText('Adopted', { exact: true }).waitFor();
    await opinions(minority).getByText('No minority opinion has been filed.').waitFor();
    await opinions(minority).getByLabel('Your opinion').fill('The costs of open hearings are not shown anywhere.');
    await opinions(minority).getByRole('button', { name: 'File the opinion' }).click();
    await status(minority, 'Your opinion is filed.');
    const v3Name = await fullName(v3);
    await opinions(minority).getByRole('heading', { name: `${v3Name}, who voted Against` }).waitFor();
    await opinions(minority).getByText('No co-signatures yet.').waitFor();
    await expectAccessible(minority, 'poll page, opinion filed on a phone (en)');

    // Another member of the minority co-signs it.
    const cosigner = await openPage(browser, t, `/polls/${pollId}`, { as: v4 });
    await opinions(cosigner).getByRole('heading', { name: `${v3Name}, who voted Against` }).waitFor();
    await opinions(cosigner).getByRole('button', { name: 'Co-sign' }).click();
    const v4Name = await fullName(v4);
    await opinions(cosigner).getByText('Co-signed by 1 member:').waitFor();
    await opinions(cosigner).getByRole('list', { name: `Co-signatures of ${v3Name}'s opinion` }).getByText(`${v4Name} (Against)`).waitFor();
    expect(await opinions(cosigner).getByRole('button', { name: 'Co-sign' }).count()).toBe(0);

    // A member of the majority is told why there is nothing to file or sign; the API agrees (403).
    const majority = await openPage(browser, t, `/polls/${pollId}`, { as: v1 });
    await opinions(majority).getByText('You voted with the majority: only members who voted in the minority may file or co-sign a minority opinion.').waitFor();
    expect(await opinions(majority).getByRole('button', { name: 'Co-sign' }).count()).toBe(0);
    const opinionId = (await t.db.query('SELECT id FROM minority_opinions WHERE poll_id = $1', [pollId]))[0].id as string;
    await t.http().post(`${API}/minority-opinions/${opinionId}/signatures`).set(bearer(v1)).send({}).expect(403);

    // The chair acknowledges it with a note.
    const chair = await openPage(browser, t, `/polls/${pollId}`, { as: g.chair });
    await opinions(chair).getByLabel('Note of acknowledgement').fill('Sent to the finance group.');
    await opinions(chair).getByRole('button', { name: 'Acknowledge' }).click();
    await opinions(chair).getByText(/^Acknowledged .*: Sent to the finance group\.$/).waitFor();

    // The closed page in Russian and Kazakh: the outcome, the rule and the server's explanation in the page's language.
    for (const [lang, outcome, ruleText] of [
      ['ru', 'Принято', 'Если право голоса имеют 5 членов, нужны 3 голоса «за».'],
      ['kk', 'Қабылданды', 'Дауыс беру құқығы 5 мүшеде болса, 3 жақтаған дауыс қажет.'],
    ] as const) {
      const page = await openPage(browser, t, `/polls/${pollId}?lang=${lang}`, { as: v3 });
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      await page.getByText(outcome, { exact: true }).first().waitFor();
      await page.getByText(ruleText).waitFor();
      const explained = (await tally(lang)).body.explanation as string;
      expect(explained).not.toBe(en.explanation);
      await page.getByText(explained, { exact: true }).waitFor();
      await expectAccessible(page, `poll page, closed (${lang})`);
      await page.context().close();
    }
    for (const p of [coord, minority, cosigner, majority, chair]) await p.context().close();
  });

  it('shows the new poll page and a draft in Russian and Kazakh, accessible', async () => {
    const poll = await createPoll(t, g.coordinator, g.groupId, { method: 'consent', base: 'cast' });
    for (const lang of ['ru', 'kk'] as const) {
      const page = await openPage(browser, t, `/working-groups/${g.groupId}/polls/new?lang=${lang}`, { as: g.coordinator });
      await page.getByTestId('rule-words').waitFor();
      expect(await page.locator('h1').count()).toBe(1);
      await expectAccessible(page, `new group poll (${lang})`);
      await page.goto(`/polls/${poll.id}?lang=${lang}`);
      await page.getByTestId('rule-words').getByText(lang === 'ru' ? /^Согласие: принято/ : /^Келісім: /).waitFor();
      await expectAccessible(page, `poll page, draft (${lang})`);
      await page.context().close();
    }
  });

  it('names a blocked consensus and an objected consent as outcomes of their own', async () => {
    const [v1, v2, v3] = g.members;
    const consensus = await createPoll(t, g.coordinator, g.groupId, { method: 'consensus', base: 'cast' });
    await openPoll(t, g.coordinator, consensus.id);
    await vote(t, v1, consensus.id, 'for');
    await vote(t, v2, consensus.id, 'block');
    await closePoll(t, g.coordinator, consensus.id);
    const consent = await createPoll(t, g.coordinator, g.groupId, { method: 'consent', base: 'cast' });
    await openPoll(t, g.coordinator, consent.id);
    await vote(t, v1, consent.id, 'for');
    await vote(t, v2, consent.id, 'against');
    await vote(t, v3, consent.id, 'against');
    await closePoll(t, g.coordinator, consent.id);
    const page = await openPage(browser, t, `/polls/${consensus.id}`, { as: v1 });
    const result = page.getByRole('region', { name: 'Result' });
    await result.getByText('Blocked by 1', { exact: true }).waitFor();
    await result.getByRole('table', { name: 'Votes' }).getByRole('row', { name: 'Block 1' }).waitFor();
    await page.goto(`/polls/${consent.id}`);
    await result.getByText('Objected by 2', { exact: true }).waitFor();
    await page.goto(`/polls/${consent.id}?lang=ru`);
    await page.getByRole('region', { name: 'Итог' }).getByText('Есть возражения: 2 возражения', { exact: true }).waitFor();
    await page.context().close();
  });

  it('lets the chair settle a tie, and a secret poll take an opinion only with a receipt of the minority', async () => {
    const [v1, v2, v3, v4] = g.members;
    const tied = await createPoll(t, g.coordinator, g.groupId, { method: 'majority', base: 'cast', tie: 'chair_decides' });
    await openPoll(t, g.coordinator, tied.id);
    await vote(t, v1, tied.id, 'for');
    await vote(t, v2, tied.id, 'against');
    await closePoll(t, g.coordinator, tied.id);
    const member = await openPage(browser, t, `/polls/${tied.id}`, { as: v1 });
    await member.getByText('The vote is tied: the chair decides.').waitFor();
    await member.getByText('A tie has no minority until the chair decides.').waitFor();
    expect(await member.getByRole('button', { name: 'Decide: adopted' }).count()).toBe(0);
    await member.context().close();
    const chair = await openPage(browser, t, `/polls/${tied.id}`, { as: g.chair });
    const result = chair.getByRole('region', { name: 'Result' });
    await result.getByText('Tied', { exact: true }).waitFor();
    await chair.getByRole('button', { name: 'Decide: rejected' }).click();
    await result.getByText("the chair's casting decision: Rejected").waitFor();
    await result.getByText('Rejected', { exact: true }).waitFor();
    expect((await t.http().get(`${API}/polls/${tied.id}/tally?lang=en`).set(bearer(g.chair)).expect(200)).body).toMatchObject({ outcome: 'rejected', castingDecision: 'rejected' });
    await chair.context().close();

    // A secret poll: the page asks for the receipt; a receipt of the majority is refused in words, not a dump.
    const secret = await createPoll(t, g.coordinator, g.groupId, { method: 'majority', base: 'cast', allowChange: false }, { secret: true });
    await openPoll(t, g.coordinator, secret.id);
    const forReceipt = await vote(t, v1, secret.id, 'for', randomUUID());
    await vote(t, v2, secret.id, 'for');
    const phone = await (await openContext(browser, t, { as: v3, viewport: PHONE })).newPage();
    await phone.goto(`/polls/${secret.id}`);
    await phone.getByText('A vote is final once cast.').waitFor();
    const againstReceipt = await voteInPage(phone, 'Against', undefined, 'You have voted.');
    expect(await phone.getByRole('button', { name: 'For', exact: true }).count()).toBe(0);
    await vote(t, v4, secret.id, 'abstain');
    await closePoll(t, g.coordinator, secret.id);
    const opinions = phone.getByRole('region', { name: 'Minority opinions' });
    await opinions.getByLabel('Your receipt').waitFor();
    expect(await opinions.getByLabel('Your receipt').inputValue()).toBe(againstReceipt);
    // Another member pastes a receipt of the majority: refused with the reason in words.
    const other = await openPage(browser, t, `/polls/${secret.id}`, { as: v1 });
    const otherOpinions = other.getByRole('region', { name: 'Minority opinions' });
    await otherOpinions.getByLabel('Your opinion').fill('I changed my mind.');
    await otherOpinions.getByLabel('Your receipt').fill(forReceipt);
    await otherOpinions.getByRole('button', { name: 'File the opinion' }).click();
    await status(other, 'Only a voter in the minority may file or co-sign a minority opinion (on a secret poll, with the receipt of their own ballot).');
    await other.context().close();
    await opinions.getByLabel('Your opinion').fill('Secretly against.');
    await opinions.getByRole('button', { name: 'File the opinion' }).click();
    await status(phone, 'Your opinion is filed.');
    await opinions.getByRole('heading', { name: /, who voted Against$/ }).waitFor();
    await expectAccessible(phone, 'secret poll, opinion filed on a phone (en)');
    await phone.context().close();
  });

  it('shows a not-found state for a poll out of reach, and tells a non-coordinator they cannot put a poll', async () => {
    const poll = await createPoll(t, g.coordinator, g.groupId, { method: 'majority', base: 'cast' });
    const outsider = await openPage(browser, t, `/polls/${poll.id}`, { as: g.outsider });
    await outsider.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    expect(await outsider.getByText((poll as unknown as { question: string }).question).count()).toBe(0);
    await outsider.goto(`/polls/${randomUUID()}`);
    await outsider.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    await outsider.context().close();
    const member = await openPage(browser, t, `/working-groups/${g.groupId}/polls/new`, { as: g.members[0] });
    await member.getByText(/^Only the coordinator of .* puts its polls\.$/).waitFor();
    expect(await member.getByRole('button', { name: 'Create the poll' }).count()).toBe(0);
    await member.context().close();
  });
});
