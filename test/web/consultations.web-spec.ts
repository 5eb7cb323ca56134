import { Browser, Locator, Page } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { addToGroup, API, bearer, councilWithCast, createAgency, createGroup, createMember, createProposal, openConsultation } from '../support/factories';
import { expectAccessible, LANGS, launchBrowser, openPage } from './support/browser';

const PHONE = { width: 390, height: 844 };
/** Each test runs axe several times in a real browser: on a loaded 2-core machine that takes minutes. */
const SLOW = 300_000;
const BODY = 'The ministry shall publish every draft regulation online.\nCosts are covered by the existing budget.\n';
const PASSAGE = 'publish every draft regulation';

/**
 * The agency representatives' inbox: the secretariat opens consultations (through the API),
 * the ministry's representative answers one from the inbox (a comment anchored to a passage
 * of the cited version, then the final response) and cannot see another agency's.
 */
describe('the consultation inbox', () => {
  let t: TestApp;
  let browser: Browser;
  let c: Awaited<ReturnType<typeof councilWithCast>>;
  let title: string;
  let soonTitle: string;
  let ours: string;
  let theirs: string;

  const region = (page: Page | Locator, name: string) => page.getByRole('region', { name, exact: true });
  const shot = async (page: Page, name: string) => {
    if (process.env.SCREENSHOTS_DIR) await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/${name}.png`, fullPage: true });
  };
  const noSideScroll = async (page: Page) => expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    c = await councilWithCast(t);
    const group = await createGroup(t, c.admin, c.council.id);
    await addToGroup(t, c.admin, group.id, c.cast.member.membershipId);
    const other = await createAgency(t, c.admin, c.council.id);
    await createMember(t, c.admin, c.council.id, 'other rep', ['agency_rep'], other.id);
    const proposal = await createProposal(t, c.cast.member, group.id, { body: BODY });
    title = proposal.title;
    const opened = await openConsultation(t, c.cast.secretariat, proposal.id, [c.agency.id, other.id]);
    ours = opened.find((x) => x.agencyId === c.agency.id)!.id;
    theirs = opened.find((x) => x.agencyId === other.id)!.id;
    const soon = await createProposal(t, c.cast.member, group.id);
    soonTitle = soon.title;
    await openConsultation(t, c.cast.secretariat, soon.id, [c.agency.id], { dueAt: new Date(Date.now() + 24 * 3600 * 1000).toISOString(), question: 'Can this be done this year?' });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  }, SLOW);

  it("lists the agency's consultations by due date, due soon apart, accessible in en, ru and kk", async () => {
    const page = await openPage(browser, t, '/consultations?lang=en', { as: c.cast.agency_rep });
    await page.getByRole('heading', { level: 1, name: 'Consultations' }).waitFor();
    const agency = region(page, `Agency: ${`Ministry ${c.agency.code}`}`);
    await region(agency, 'Due within 3 days (1)').getByRole('link', { name: soonTitle }).waitFor();
    await region(agency, 'Open (1)').getByRole('link', { name: title }).waitFor();
    await region(agency, 'Overdue (0)').waitFor();
    await region(agency, 'Answered (0)').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    await expectAccessible(page, 'inbox (en)');
    for (const lang of LANGS.filter((l) => l !== 'en')) {
      await page.goto(`/consultations?lang=${lang}`);
      await page.getByRole('heading', { level: 1, name: lang === 'ru' ? 'Консультации' : 'Консультациялар' }).waitFor();
      await page.getByRole('link', { name: title }).waitFor();
      expect(await page.evaluate('document.documentElement.lang')).toBe(lang);
      await expectAccessible(page, `inbox (${lang})`);
    }
    await page.context().close();
  }, SLOW);

  it('answers from the inbox: a comment anchored to a selected passage, then the final response, once', async () => {
    const page = await openPage(browser, t, '/consultations?lang=en', { as: c.cast.agency_rep });
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: `Consultation on “${title}”` }).waitFor();
    await region(page, 'The question').getByText('What would it take to implement this?').waitFor();
    await region(page, 'The question').getByText('Aspects asked about: Legal, Economic').waitFor();
    await region(page, 'The cited text (version 1)').getByText('Costs are covered', { exact: false }).waitFor();
    await expectAccessible(page, 'consultation, open (en)');

    // Select a passage of the cited text, as a reader would with the mouse.
    await page.evaluate(
      ([passage]) => {
        const doc = (globalThis as unknown as { document: any }).document;
        const el = doc.querySelector('.cs-body');
        const node = el.firstChild.firstChild;
        const at = node.textContent.indexOf(passage);
        const range = doc.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + passage.length);
        const sel = doc.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
      },
      [PASSAGE],
    );
    const form = page.getByRole('form', { name: 'Add a comment' });
    await form.getByRole('button', { name: 'Refer to the selected passage' }).click();
    await form.getByText(`Refers to: “${PASSAGE}”`).waitFor();
    await form.getByLabel('Aspect').selectOption({ label: 'Legal' });
    await form.getByLabel('Position').selectOption({ label: 'Supports with conditions' });
    await form.getByLabel('Comment').fill('Publication needs a legal basis in the law on legal acts.');
    await form.getByRole('button', { name: 'Add the comment' }).click();
    await form.getByRole('status').filter({ hasText: 'Comment added.' }).waitFor();
    const comments = region(page, 'Comments');
    await region(comments, 'Legal').getByRole('heading', { level: 4, name: 'Supports with conditions' }).waitFor();
    await comments.getByText('Publication needs a legal basis').waitFor();
    await comments.getByText(`On: “${PASSAGE}”`).waitFor();
    expect(await page.locator('.cs-body mark').allInnerTexts()).toEqual([PASSAGE]);
    const stored = (await t.http().get(`${API}/consultations/${ours}`).set(bearer(c.cast.secretariat)).expect(200)).body;
    const start = BODY.indexOf(PASSAGE);
    expect(stored.comments).toEqual([expect.objectContaining({ aspect: 'legal', position: 'supports_with_conditions', anchor: { version: 1, start, end: start + PASSAGE.length } })]);
    await expectAccessible(page, 'consultation, commented (en)');
    await shot(page, 'consultation-commented');

    // By keyboard alone: the passage chosen in a dialog, announced, then the comment on it.
    const COSTS = 'Costs are covered';
    await form.getByRole('button', { name: 'Choose a passage' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Choose the passage the comment refers to' });
    await dialog.waitFor();
    await dialog.getByRole('status').getByText('Nothing selected yet.').waitFor();
    const from = BODY.indexOf(COSTS);
    for (let i = 0; i < from; i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < COSTS.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await dialog.getByRole('status').getByText(`Selected: “${COSTS}”`).waitFor();
    await expectAccessible(page, 'consultation, choosing a passage (en)');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await form.getByRole('status').filter({ hasText: `Refers to: “${COSTS}”` }).waitFor();
    await page.waitForFunction(`document.activeElement?.labels?.[0]?.textContent === 'Comment'`);
    await page.keyboard.type('The budget line exists.');
    await form.getByLabel('Aspect').selectOption({ label: 'Economic' });
    await form.getByLabel('Position').selectOption({ label: 'Supports' });
    await form.getByRole('button', { name: 'Add the comment' }).click();
    await comments.getByText('The budget line exists.').waitFor();
    const both = (await t.http().get(`${API}/consultations/${ours}`).set(bearer(c.cast.secretariat)).expect(200)).body.comments as { body: string; anchor: unknown }[];
    expect(both.find((x) => x.body === 'The budget line exists.')?.anchor).toEqual({ version: 1, start: from, end: from + COSTS.length });

    const response = page.getByRole('form', { name: 'Final response' });
    await response.getByLabel('Position').selectOption({ label: 'Supports with conditions' });
    await response.getByLabel('Response').fill('The ministry supports it once the law on legal acts is amended.');
    await response.getByRole('button', { name: 'Send the final response' }).click();
    const answered = region(page, 'Final response');
    await answered.getByText('The ministry supports it once the law on legal acts is amended.').waitFor();
    await region(page, 'The question').getByText('Status: Answered').waitFor();
    expect(await page.getByRole('button', { name: 'Send the final response' }).count()).toBe(0);
    const after = (await t.http().get(`${API}/consultations/${ours}`).set(bearer(c.cast.secretariat)).expect(200)).body;
    expect(after).toMatchObject({ status: 'answered', response: { position: 'supports_with_conditions' } });
    await expectAccessible(page, 'consultation, answered (en)');

    await page.getByRole('link', { name: 'Back to the consultations' }).click();
    await region(page, 'Answered (1)').getByRole('link', { name: title }).waitFor();
    await region(page, 'Open (0)').waitFor();
    await page.context().close();
  }, SLOW);

  it("shows another agency's consultation as not found, never its question", async () => {
    const page = await openPage(browser, t, `/consultations/${theirs}?lang=en`, { as: c.cast.agency_rep });
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    expect(await page.getByText('What would it take to implement this?').count()).toBe(0);
    expect(await page.getByText(title).count()).toBe(0);
    await expectAccessible(page, 'consultation, not found (en)');
    await page.context().close();
  }, SLOW);

  it('tells a user who represents no agency what the page is for, in en, ru and kk', async () => {
    const page = await openPage(browser, t, '/consultations?lang=en', { as: c.cast.member });
    await page.getByRole('heading', { level: 1, name: 'Consultations' }).waitFor();
    await page.getByText('This page is for agency representatives').waitFor();
    await page.getByText('does not represent an agency').waitFor();
    await expectAccessible(page, 'inbox, no agency (en)');
    for (const [lang, text] of [
      ['ru', 'Эта страница — для представителей ведомств'],
      ['kk', 'Бұл бет мемлекеттік органдардың өкілдеріне арналған'],
    ]) {
      await page.goto(`/consultations?lang=${lang}`);
      await page.getByText(text).waitFor();
      await expectAccessible(page, `inbox, no agency (${lang})`);
    }
    await page.context().close();
  }, SLOW);

  it('works on a phone: the consultation and its forms fit the width, accessible in en, ru and kk', async () => {
    for (const lang of LANGS) {
      const page = await openPage(browser, t, `/consultations/${ours}?lang=${lang}`, { as: c.cast.agency_rep, viewport: PHONE });
      await page.getByRole('heading', { level: 1 }).filter({ hasText: title }).waitFor();
      await page.locator('.cs-body mark').first().waitFor();
      await noSideScroll(page);
      await expectAccessible(page, `consultation on a phone (${lang})`);
      if (lang === 'ru') await shot(page, 'consultation-phone-ru');
      await page.context().close();
    }
    const inbox = await openPage(browser, t, '/consultations?lang=kk', { as: c.cast.agency_rep, viewport: PHONE });
    await inbox.getByRole('link', { name: soonTitle }).waitFor();
    await noSideScroll(inbox);
    await inbox.context().close();
  }, SLOW);
});
