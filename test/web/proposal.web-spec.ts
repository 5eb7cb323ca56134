import { Browser, Page } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { addToGroup, API, bearer, createAgency, createCouncil, createGroup, createMember, createProposal, loginAdmin, openConsultation, Session } from '../support/factories';
import { DemoSeeder } from '../../apps/api/src/demo/demo-seeder.service';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-council.data';
import { login } from '../support/factories';
import { expectAccessible, LANGS, launchBrowser, openContext, openPage } from './support/browser';

type Person = Session & { membershipId: string; password: string };

const PHONE = { width: 390, height: 844 };

// A browser, axe and a server on a shared 2-core machine: a step can take seconds.
jest.setTimeout(240_000);

/** The proposal's dossier and the new-proposal page, in Chromium. */
describe('the proposal page', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: Session;
  let councilId: string;
  let group: { id: string; name: string };
  let author: Person;
  let coAuthor: Person;
  let secretariat: Person;
  let outsider: Person;
  let agency: { id: string; code: string };
  const pages: Page[] = [];

  const open = async (path: string, as: Session, viewport?: { width: number; height: number }) => {
    const page = await openPage(browser, t, path, { as, viewport });
    pages.push(page);
    return page;
  };
  const nameOf = async (s: Session) => (await t.http().get(`${API}/auth/me`).set(bearer(s)).expect(200)).body.fullName as string;
  const status = (page: Page, what: string | RegExp) => page.getByRole('status').filter({ hasText: what }).first().waitFor();
  const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
  const shot = async (page: Page, name: string) => {
    if (process.env.SCREENSHOTS_DIR) await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/${name}.png`, fullPage: true });
  };

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    admin = await loginAdmin(t);
    const council = await createCouncil(t, admin);
    councilId = council.id;
    agency = await createAgency(t, admin, councilId);
    group = await createGroup(t, admin, councilId, 'Political modernisation');
    author = await createMember(t, admin, councilId, 'Author');
    coAuthor = await createMember(t, admin, councilId, 'Co-author');
    secretariat = await createMember(t, admin, councilId, 'Secretary', ['secretariat']);
    outsider = await createMember(t, admin, councilId, 'Outsider');
    await addToGroup(t, admin, group.id, author.membershipId, 'member');
    await addToGroup(t, admin, group.id, coAuthor.membershipId, 'member');
  });
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.context().close();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lets a group member draft a proposal with a co-author from the new-proposal page, then shows it', async () => {
    const coName = await nameOf(coAuthor);
    const page = await open(`/working-groups/${group.id}/proposals/new`, author);
    await page.getByRole('heading', { level: 1, name: 'New proposal in Political modernisation' }).waitFor();
    await expectAccessible(page, 'new proposal (en)');
    await page.getByLabel('Title').fill('Open budget hearings');
    await page.getByLabel('Summary').fill('Every budget is heard in public before the vote.');
    await page.getByLabel('Body').fill('The budget is published a month ahead.\nAnyone may speak at the hearing.');
    await page.getByRole('group', { name: 'Co-authors' }).getByLabel(coName).check();
    await page.getByRole('button', { name: 'Create the proposal' }).click();

    await page.getByRole('heading', { level: 1, name: 'Open budget hearings' }).waitFor();
    expect(page.url()).toMatch(/\/proposals\/[0-9a-f-]{36}$/);
    await page.getByText('Status: Draft').waitFor();
    await page.getByText(new RegExp(`Authors: .*${coName}`)).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    // The proposal's group leads back to drafting another.
    await page.getByRole('link', { name: 'Draft a new proposal in this group' }).waitFor();
    await expectAccessible(page, 'proposal, just drafted (en)');

    // Somebody outside the group does not see a draft: not found, not the data.
    const other = await open(page.url().replace(t.url, ''), outsider);
    await other.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    expect(await other.getByText('Open budget hearings').count()).toBe(0);
    // Nor may they draft in a group that is not theirs.
    const notMine = await open(`/working-groups/${group.id}/proposals/new`, outsider);
    await notMine.getByText('Only the group’s members draft proposals in it.').waitFor();
    expect(await notMine.getByRole('button', { name: 'Create the proposal' }).count()).toBe(0);
  });

  it('shows a stale write as their version beside mine, takes theirs and saves; the diff shows the change; the co-author moves it to deliberation', async () => {
    const p = await createProposal(t, author, group.id, { title: 'Public procurement online', summary: 'Tenders are published.', body: 'All tenders are published online.\nBids open in public.', coAuthorMembershipIds: [coAuthor.membershipId] });
    const page = await open(`/proposals/${p.id}`, coAuthor);
    await page.getByRole('heading', { level: 1, name: 'Public procurement online' }).waitFor();
    const edit = region(page, 'Edit the text');
    await edit.getByRole('button', { name: 'Edit the text' }).click();
    await edit.getByText('Your edit is based on version 1.').waitFor();
    await edit.getByLabel('Body').fill('All tenders are published online.\nBids open in public.\nMy line.');

    // Meanwhile the author saves version 2 through the API.
    await t
      .http()
      .put(`${API}/proposals/${p.id}`)
      .set(bearer(author))
      .set('If-Match', '"1"')
      .send({ title: p.title, summary: p.summary, body: 'All tenders are published online.\nBids open in public.\nTheir line.' })
      .expect(200);

    await edit.getByRole('button', { name: 'Save as a new version' }).click();
    const conflict = edit.getByRole('group', { name: 'Someone changed this: here is their version' });
    await conflict.waitFor();
    // Not an error: no alert, and both texts side by side.
    expect(await page.getByRole('alert').count()).toBe(0);
    await conflict.getByRole('article', { name: 'Their version (version 2)' }).getByText('Their line.').waitFor();
    await conflict.getByRole('article', { name: 'Your version' }).getByText('My line.').waitFor();
    await expectAccessible(page, 'proposal, stale write (en)');
    await shot(page, 'proposal-conflict');

    await conflict.getByRole('button', { name: 'Take their version' }).click();
    await conflict.waitFor({ state: 'detached' });
    await edit.getByText('Your edit is based on version 2.').waitFor();
    const body = edit.getByLabel('Body');
    expect(await body.inputValue()).toBe('All tenders are published online.\nBids open in public.\nTheir line.');
    await body.fill('All tenders are published online.\nBids open in public.\nTheir line.\nMy line, again.');
    await edit.getByRole('button', { name: 'Save as a new version' }).click();
    await status(page, 'Saved as version 3.');
    await page.getByText('Version 3 of 3').waitFor();
    const stored = await t.http().get(`${API}/proposals/${p.id}`).set(bearer(author)).expect(200);
    expect(stored.body.body).toBe('All tenders are published online.\nBids open in public.\nTheir line.\nMy line, again.');

    // Versions and the diff between two of them, side by side on a wide screen.
    const versions = region(page, 'Versions');
    await versions.getByText('Version 3').first().waitFor();
    await versions.getByLabel('From version').selectOption('1');
    await versions.getByLabel('To version').selectOption('3');
    await versions.getByText('2 lines added, 0 lines removed').waitFor();
    await versions.getByRole('table', { name: 'Body' }).getByRole('cell', { name: 'Added: My line, again.' }).waitFor();

    // The trace tells the story.
    const history = region(page, 'History');
    await history.getByRole('link', { name: 'Version 3 written' }).waitFor();
    await history.getByText('Drafted', { exact: true }).waitFor();

    // The moves this co-author may request, as buttons.
    const actions = region(page, 'What you can do now');
    await actions.getByRole('button', { name: 'Withdraw the proposal' }).waitFor();
    await actions.getByRole('button', { name: 'Move to deliberation' }).click();
    await status(page, 'The proposal is now: In deliberation.');
    await page.getByText('Status: In deliberation').waitFor();
    await history.getByText('Moved from “Draft” to “In deliberation”').waitFor();
    expect(await actions.getByRole('button', { name: 'Move to deliberation' }).count()).toBe(0);
  });

  it('anchors a comment to the selected words of a version and highlights them', async () => {
    const p = await createProposal(t, author, group.id, { title: 'Open data by default', body: 'Ministries publish their data.\nFormats are open and documented.' });
    const page = await open(`/proposals/${p.id}`, author);
    await page.getByRole('heading', { level: 1, name: 'Open data by default' }).waitFor();
    const comment = page.getByRole('button', { name: 'Comment on the selection' });
    expect(await comment.isDisabled()).toBe(true);

    // Select "publish their data" in the body, as a mouse would.
    const text = region(page, 'Body');
    await text.locator('span').first().waitFor();
    await page.evaluate(`(() => {
      const node = document.querySelector('.body-text span').firstChild;
      const start = node.textContent.indexOf('publish their data');
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + 'publish their data'.length);
      const sel = document.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    })()`);
    await page.getByText('Selected: “publish their data”').waitFor();
    await comment.click();
    await page.getByText('On the selection: “publish their data”').waitFor();
    await page.getByLabel('Your comment').fill('Which data, and how soon?');
    await page.getByRole('button', { name: 'Post the comment' }).click();
    await status(page, 'Comment posted.');

    await text.locator('mark', { hasText: 'publish their data' }).waitFor();
    const comments = region(page, 'Comments (1 comment)');
    await comments.getByText('Which data, and how soon?').waitFor();
    await comments.locator('mark', { hasText: 'publish their data' }).waitFor();
    const stored = await t.http().get(`${API}/proposals/${p.id}/comments`).set(bearer(author)).expect(200);
    const start = 'Ministries '.length;
    expect(stored.body.items[0].anchor).toEqual({ version: 1, start, end: start + 'publish their data'.length });

    // An unanchored comment too.
    await page.getByLabel('Your comment').fill('Good idea overall.');
    await page.getByRole('button', { name: 'Post the comment' }).click();
    await region(page, 'Comments (2 comments)').getByText('Good idea overall.').waitFor();
    expect(await text.locator('mark').count()).toBe(1);
    await expectAccessible(page, 'proposal, anchored comment (en)');
  });

  it('anchors a comment to a passage chosen by keyboard alone, and announces the passage', async () => {
    const body = 'Ministries publish their data.\nFormats are open and documented.';
    const p = await createProposal(t, author, group.id, { title: 'Open formats', body });
    const page = await open(`/proposals/${p.id}`, author);
    await page.getByRole('heading', { level: 1, name: 'Open formats' }).waitFor();

    // Tab to the control, as a keyboard user would, and open it with Enter.
    const opener = page.getByRole('button', { name: 'Choose a passage' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Choose the passage to comment on' });
    await dialog.waitFor();
    await dialog.getByRole('status').getByText('Nothing selected yet.').waitFor();
    // The text has the focus, its caret at the start; the page behind is out of reach.
    expect(await page.evaluate('document.activeElement.labels?.[0]?.textContent')).toBe('Text of version 1');
    expect(await dialog.getByRole('button', { name: 'Use this passage' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'proposal, choosing a passage (en)');

    // Escape closes it and gives the focus back.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Choose a passage');

    await page.keyboard.press('Enter');
    await dialog.waitFor();
    // To "Formats" (the second line) with the arrows, then Shift selects "Formats are open".
    const from = body.indexOf('Formats');
    for (let i = 0; i < from; i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 'Formats are open'.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await dialog.getByRole('status').getByText('Selected: “Formats are open”').waitFor();
    // The text takes no edits: typing leaves it, and the passage, as they were.
    await page.keyboard.type('x');
    await page.keyboard.press('Backspace');
    expect(await dialog.getByLabel('Text of version 1').inputValue()).toBe(body);
    await dialog.getByRole('status').getByText('Selected: “Formats are open”').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Use this passage');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });

    // Announced, and the comment field takes the focus, described by the passage.
    await status(page, 'On the selection: “Formats are open”');
    await page.waitForFunction(`document.activeElement?.id === 'p-comment'`);
    const described = await page.evaluate('document.getElementById(document.activeElement.getAttribute("aria-describedby")).textContent');
    expect(described).toBe('On the selection: “Formats are open”');
    await page.keyboard.type('Which formats?');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Post the comment');
    await page.keyboard.press('Enter');
    await status(page, 'Comment posted.');
    await region(page, 'Body').locator('mark', { hasText: 'Formats are open' }).waitFor();
    const stored = await t.http().get(`${API}/proposals/${p.id}/comments`).set(bearer(author)).expect(200);
    expect(stored.body.items[0].anchor).toEqual({ version: 1, start: from, end: from + 'Formats are open'.length });
    // The anchor is spent: the next comment is on the whole proposal, and the field no longer cites it.
    expect(await page.getByRole('textbox', { name: 'Your comment' }).getAttribute('aria-describedby')).toBeNull();
  });

  it('lets the secretariat open a consultation (a due date in the future), then shows it; axe in en, ru and kk', async () => {
    const p = await createProposal(t, author, group.id, { title: 'Abolition of the death penalty', body: 'Kazakhstan keeps a moratorium.\nThe council proposes to abolish it.' });
    const page = await open(`/proposals/${p.id}`, secretariat);
    await page.getByRole('heading', { level: 1, name: 'Abolition of the death penalty' }).waitFor();
    const form = page.getByRole('form', { name: 'Open a consultation' });
    await form.getByRole('group', { name: 'Agencies' }).getByLabel(`Ministry ${agency.code}`).check();
    await form.getByRole('group', { name: 'Aspects' }).getByLabel('Legal').check();
    await form.getByLabel('Question').fill('Which laws change?');
    await form.getByLabel('Due date').fill('2020-01-01');
    await form.getByRole('button', { name: 'Open the consultation' }).click();
    await form.getByRole('alert').getByText('Choose a date in the future.').waitFor();
    const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel('Due date').fill(due);
    await form.getByRole('button', { name: 'Open the consultation' }).click();
    await status(page, '1 consultation opened.');
    await page.getByText('Status: In consultation').waitFor();
    const consultations = region(page, 'Consultations');
    await consultations.getByRole('article', { name: `Ministry ${agency.code} on version 1` }).waitFor();
    await consultations.getByText('Question: Which laws change?').waitFor();
    await region(page, 'History').getByRole('link', { name: 'Sent to an agency for consultation' }).waitFor();
    await region(page, 'History').getByText('Moved from “Draft” to “In consultation”').waitFor();
    await shot(page, 'proposal-desktop');

    for (const lang of LANGS) {
      const view = await open(`/proposals/${p.id}?lang=${lang}`, secretariat);
      await view.getByRole('heading', { level: 1, name: 'Abolition of the death penalty' }).waitFor();
      await view.locator(`#consultation-${(await t.http().get(`${API}/proposals/${p.id}/trace`).set(bearer(secretariat))).body.items.find((e: { kind: string }) => e.kind === 'consultation_opened').ref.id}`).waitFor();
      expect(await view.evaluate('document.documentElement.lang')).toBe(lang);
      await expectAccessible(view, `proposal (${lang})`);
    }
  });

  it('lists an open poll on the proposal, marked and linked to its page, and tells the history in Russian from the trace’s data', async () => {
    const coordinator = await createMember(t, admin, councilId, 'Coordinator');
    await addToGroup(t, admin, group.id, coordinator.membershipId, 'coordinator');
    const p = await createProposal(t, author, group.id, { title: 'Open parliamentary hearings', body: 'Committees hear the public.' });
    const [consultation] = await openConsultation(t, secretariat, p.id, [agency.id]);
    const created = await t.http().post(`${API}/working-groups/${group.id}/polls`).set(bearer(coordinator)).send({ question: 'Do we support open hearings?', proposalId: p.id, secret: false, rule: { method: 'majority', base: 'cast' } }).expect(201);
    const pollId = created.body.id as string;
    const opened = await t.http().post(`${API}/polls/${pollId}/open`).set(bearer(coordinator)).expect(200);
    await t.http().put(`${API}/polls/${pollId}/ballot`).set(bearer(author)).send({ choice: 'for' }).expect(200);
    // The trace names no open poll: the page finds it only through GET /proposals/:id/polls.
    const trace = await t.http().get(`${API}/proposals/${p.id}/trace`).set(bearer(author)).expect(200);
    expect(trace.body.items.some((e: { ref: { id: string } }) => e.ref.id === pollId)).toBe(false);

    const page = await open(`/proposals/${p.id}`, author);
    await page.getByRole('heading', { level: 1, name: 'Open parliamentary hearings' }).waitFor();
    const polls = region(page, 'Polls');
    const link = polls.getByRole('link', { name: 'Do we support open hearings?' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/polls/${pollId}`);
    const item = polls.getByRole('listitem').filter({ hasText: 'Do we support open hearings?' });
    await item.getByText('Open: voting now').waitFor();
    await item.getByText(`Voted: 1 of ${opened.body.eligibleCount}`).waitFor();
    const consultations = region(page, 'Consultations');
    expect(await consultations.getByRole('link', { name: `Ministry ${agency.code} on version 1` }).getAttribute('href')).toBe(`/consultations/${consultation.id}`);
    await expectAccessible(page, 'proposal with an open poll (en)');

    const ru = await open(`/proposals/${p.id}?lang=ru`, author);
    await ru.getByRole('heading', { level: 1, name: 'Open parliamentary hearings' }).waitFor();
    await region(ru, 'Голосования').getByText('Открыто: идёт голосование').waitFor();
    const history = region(ru, 'История');
    await history.getByText('В рабочей группе «Political modernisation»: Open parliamentary hearings').waitFor();
    await history.getByText('Написана версия 1').waitFor();
    await history.getByText('Направлено ведомству на консультацию').waitFor();
    await history.getByText(new RegExp(`^Версия 1 направлена: Ministry ${agency.code} \\(Правовой, Экономический\\), срок — `)).waitFor();
    await history.getByText('Переход из «Черновик» в «На консультации»').waitFor();
    await history.getByText('Открыта консультация').waitFor();
    // Nothing of it stays in English: no line falls back to the server's summary.
    expect(await history.locator('[lang="en"]').count()).toBe(0);
    expect(await history.getByText(/sent to|Drafted in working group|consultation opened/).count()).toBe(0);
    await expectAccessible(ru, 'proposal with an open poll (ru)');
  });

  it('lets the proposal’s authors reply to an agency’s comment, shown in its thread; others get no Reply', async () => {
    const rep = await createMember(t, admin, councilId, 'Ministry expert', ['agency_rep'], agency.id);
    const repName = await nameOf(rep);
    const p = await createProposal(t, author, group.id, { title: 'Open registers', body: 'Registers are public.\nAccess is free.', coAuthorMembershipIds: [coAuthor.membershipId] });
    const [consultation] = await openConsultation(t, secretariat, p.id, [agency.id]);
    const say = async (aspect: string, position: string, body: string) =>
      (await t.http().post(`${API}/consultations/${consultation.id}/comments`).set(bearer(rep)).send({ aspect, position, body }).expect(201)).body.id as string;
    const legal = await say('legal', 'objects', 'The law on registers must change first.');
    await say('economic', 'supports', 'The cost is small.');

    // Every GET to the API from the page, from its load on.
    const context = await openContext(browser, t, { as: coAuthor });
    const page = await context.newPage();
    pages.push(page);
    const asked: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (r.method() === 'GET' && url.pathname.startsWith(`${API}/`)) asked.push(url.pathname);
    });
    await page.goto(`/proposals/${p.id}`, { timeout: 30_000 });
    await page.getByRole('heading', { level: 1, name: 'Open registers' }).waitFor();
    const article = region(page, 'Consultations').getByRole('article', { name: `Ministry ${agency.code} on version 1` });
    await article.getByText('The law on registers must change first.').waitFor();
    await article.getByText('The cost is small.').waitFor();
    // The comments came with the proposal's list of consultations: no request per consultation.
    const perConsultation = () => asked.filter((path) => path.startsWith(`${API}/consultations/`));
    const listReads = () => asked.filter((path) => path === `${API}/proposals/${p.id}/consultations`).length;
    expect(perConsultation()).toEqual([]);
    expect(listReads()).toBe(1);
    // One Reply per comment of the agency, named after whom it answers.
    expect(await article.getByRole('button', { name: `Reply to ${repName}` }).count()).toBe(2);
    await article.getByRole('button', { name: `Reply to ${repName}` }).first().click();
    const form = article.getByRole('form', { name: `Reply to ${repName}` });
    await form.waitFor();
    await page.waitForFunction(`document.activeElement?.labels?.[0]?.textContent === 'Your reply'`);
    await page.keyboard.type('We will draft that amendment too.');
    await form.getByRole('button', { name: 'Send the reply' }).click();
    await status(page, 'Reply sent.');
    // Threaded under the comment it answers, and the focus back on its Reply.
    const thread = article.getByRole('list', { name: `1 reply to ${repName}` });
    await thread.getByText('We will draft that amendment too.').waitFor();
    await thread.getByText('Authors’ reply').waitFor();
    await page.waitForFunction(`document.activeElement?.getAttribute('aria-label') === ${JSON.stringify(`Reply to ${repName}`)}`);
    // The reply came back with the list, read again, still without a request per consultation.
    expect(listReads()).toBeGreaterThanOrEqual(2);
    expect(perConsultation()).toEqual([]);
    const stored = await t.http().get(`${API}/consultations/${consultation.id}`).set(bearer(author)).expect(200);
    const reply = stored.body.comments.find((x: { authorKind: string }) => x.authorKind === 'author');
    expect(reply).toMatchObject({ replyTo: legal, aspect: 'legal', position: null, body: 'We will draft that amendment too.' });
    await expectAccessible(page, 'proposal, a reply to an agency (en)');

    // A second reply joins the same thread; the economic comment keeps none.
    await article.getByRole('button', { name: `Reply to ${repName}` }).first().click();
    await page.waitForFunction(`document.activeElement?.labels?.[0]?.textContent === 'Your reply'`);
    await page.keyboard.type('And publish the draft.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await article.getByRole('list', { name: `2 replies to ${repName}` }).getByText('And publish the draft.').waitFor();
    expect(await article.getByRole('list', { name: /replies? to/ }).count()).toBe(1);

    // The secretariat reads the thread but does not reply for the authors.
    const other = await open(`/proposals/${p.id}`, secretariat);
    const seen = region(other, 'Consultations').getByRole('article', { name: `Ministry ${agency.code} on version 1` });
    await seen.getByRole('list', { name: `2 replies to ${repName}` }).waitFor();
    expect(await seen.getByRole('button', { name: /^Reply/ }).count()).toBe(0);
    for (const lang of ['ru', 'kk'] as const) {
      const view = await open(`/proposals/${p.id}?lang=${lang}`, coAuthor);
      await view.getByRole('heading', { level: 1, name: 'Open registers' }).waitFor();
      await view.getByText('And publish the draft.').waitFor();
      await expectAccessible(view, `proposal, replies (${lang})`);
    }

    // The agency's representative sees the replies under the comment, in the consultation's own page.
    const inbox = await open(`/consultations/${consultation.id}`, rep);
    const legalThread = inbox.getByRole('region', { name: 'Legal' }).getByRole('listitem').filter({ hasText: 'The law on registers must change first.' });
    await legalThread.getByRole('list', { name: '2 replies by the authors' }).getByText('And publish the draft.').waitFor();
    await expectAccessible(inbox, 'consultation with replies (en)');
  });

  it('is served, on a deep link, as index.html (same policy) with the script that starts its reads early; no other page gets it', async () => {
    const shell = await t.http().get('/proposals/00000000-0000-4000-8000-000000000000').expect(200);
    expect(shell.headers['content-type']).toMatch(/^text\/html/);
    expect(shell.headers['cache-control']).toBe('no-cache');
    expect(shell.text).toContain('<div id="root"></div>');
    const csp = shell.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const early = /<script type="module" async fetchpriority="high" crossorigin src="(\/assets\/proposal-early-[\w-]+\.js)"><\/script>/.exec(shell.text);
    expect(early).not.toBeNull();
    await t.http().get(early![1]).expect(200).expect('content-type', /javascript/);
    const announced = [...shell.text.matchAll(/rel="(?:modulepreload" fetchpriority="low" crossorigin|preload" as="style" fetchpriority="low") href="([^"]+)"/g)].map((m) => m[1]);
    expect(announced.some((f) => /^\/assets\/ProposalPage-[\w-]+\.js$/.test(f))).toBe(true);
    for (const file of announced) await t.http().get(file).expect(200);
    for (const path of ['/', '/proposals/not-an-id', `/working-groups/${group.id}/proposals/new`]) {
      const other = await t.http().get(path).expect(200);
      expect(other.text).toContain('<div id="root"></div>');
      expect(other.text).not.toContain('proposal-early');
    }
  });

  it('starts its first reads beside the app’s code on a deep link, and asks for each of them once', async () => {
    const p = await createProposal(t, author, group.id, { title: 'Reads that start early', body: 'One line.\nAnother line.' });
    for (const body of ['First remark.', 'Second remark.']) await t.http().post(`${API}/proposals/${p.id}/comments`).set(bearer(coAuthor)).send({ body }).expect(201);
    const context = await openContext(browser, t, { as: author });
    const page = await context.newPage();
    pages.push(page);
    const asked: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (r.method() === 'GET' && (url.pathname.startsWith(`${API}/proposals/`) || url.pathname.startsWith('/assets/'))) asked.push(url.pathname.replace(p.id, ':id').replace(/-[\w-]{8}\.js$/, '.js'));
    });
    await page.goto(`/proposals/${p.id}`, { timeout: 30_000 });
    await page.getByRole('heading', { level: 2, name: 'Comments (2 comments)' }).waitFor();
    await region(page, 'Versions').getByText('Version 1', { exact: true }).waitFor();
    await region(page, 'History').getByText('Drafted', { exact: true }).waitFor();
    await region(page, 'Comments (2 comments)').getByText('Second remark.').waitFor();
    // The server's page for this deep link carries the early script, and the page took its answers instead of asking again.
    expect(asked).toContain('/assets/proposal-early.js');
    const count = (path: string) => asked.filter((a) => a === path).length;
    expect({ proposal: count(`${API}/proposals/:id`), comments: count(`${API}/proposals/:id/comments`), trace: count(`${API}/proposals/:id/trace`) }).toEqual({ proposal: 1, comments: 1, trace: 1 });
    // The early script started its reads (they are kept until taken) and the page took every one of them.
    expect(await page.evaluate('(() => { const reads = globalThis.__kenesEarlyReads; return reads ? reads.size : -1; })()')).toBe(0);

    // Somebody who may not read it: the same not-found state as before, from the early answer.
    const other = await open(`/proposals/${p.id}`, outsider);
    await other.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    expect(await other.getByText('Reads that start early').count()).toBe(0);
  });

  it('fits a phone: one column, nothing wider than the screen, 44 px targets, the diff inline', async () => {
    const p = await createProposal(t, author, group.id, { title: 'Abolition of the death penalty', body: 'Kazakhstan keeps a moratorium.\nThe council proposes to abolish it.' });

    await t.http().put(`${API}/proposals/${p.id}`).set(bearer(author)).set('If-Match', '"1"').send({ title: p.title, summary: p.summary, body: 'Kazakhstan keeps a moratorium.\nThe council proposes to abolish it in law.' }).expect(200);
    const phone = await open(`/proposals/${p.id}`, author, PHONE);
    await phone.getByRole('heading', { level: 1, name: 'Abolition of the death penalty' }).waitFor();
    const versions = region(phone, 'Versions');
    await versions.getByText('1 line added, 1 line removed').waitFor();
    expect(await versions.getByRole('table').count()).toBe(0);
    await versions.locator('ins', { hasText: 'abolish it in law.' }).waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    for (const name of ['Comment on the selection', 'Post the comment', 'Edit the text']) {
      const box = await phone.getByRole('button', { name }).boundingBox();
      expect({ name, height: box!.height >= 44 }).toEqual({ name, height: true });
    }
    await expectAccessible(phone, 'proposal on a phone (en)');
    await shot(phone, 'proposal-phone');
  });

  it('tells the demo’s death-penalty proposal as a story, from the draft to the law in force', async () => {
    const { councilId: demo } = await t.app.get(DemoSeeder).seed();
    const secretary = await login(t, 'secretariat@kenes.example', DEMO_PASSWORD);
    const found = await t.http().get(`${API}/councils/${demo}/proposals`).query({ q: 'death penalty' }).set(bearer(secretary)).expect(200);
    const page = await open(`/proposals/${found.body.items[0].id}`, secretary);
    await page.getByRole('heading', { level: 1, name: 'Abolition of the death penalty' }).waitFor();
    await page.getByText('Status: Implemented').waitFor();
    const history = region(page, 'History');
    const story = [
      'Drafted',
      'Version 1 written',
      'Version 2 written',
      'Sent to an agency for consultation',
      'Moved from “Draft” to “In consultation”',
      'An agency gave its final response',
      'A poll closed',
      'A minority opinion was filed',
      'Put on a sitting’s agenda',
      'The chair decided',
      'Added to an implementation plan',
      'Implementation moved on',
      'Moved from “In implementation” to “Implemented”',
    ];
    for (const line of story) await history.getByText(line, { exact: true }).first().waitFor();
    const lines = await history.locator('.what').allTextContents();
    const at = story.map((line) => lines.indexOf(line));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // What the entries refer to: the poll's page, the consultation, the opinion on this page.
    expect(await history.getByRole('link', { name: 'A poll closed' }).getAttribute('href')).toMatch(/^\/polls\/[0-9a-f-]{36}$/);
    const consultations = region(page, 'Consultations');
    await consultations.getByRole('heading', { name: /on version 2$/ }).waitFor();
    await consultations.getByText('Final response: Supports with conditions').waitFor();
    await region(page, 'Polls').getByRole('link', { name: 'Recommend the abolition of the death penalty to the plenary?' }).waitFor();
    await region(page, 'Minority opinions').getByText('Abolition should first be put to the people in a referendum.').waitFor();
    await region(page, 'Minority opinions').getByText(/\d+ co-signatures?/).waitFor();
    await expectAccessible(page, 'the demo proposal (en)');
    await shot(page, 'proposal-demo');
  });
});
