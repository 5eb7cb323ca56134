import { readFileSync } from 'node:fs';
import { Browser, Locator, Page } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { addToGroup, API, bearer, councilWithCast, createAgency, createGroup, createProposal } from '../support/factories';
import { expectAccessible, LANGS, launchBrowser, openPage } from './support/browser';

const PHONE = { width: 390, height: 844 };
/** Each test runs axe several times in a real browser: on a loaded 2-core machine that takes minutes. */
const SLOW = 300_000;

/**
 * Implementation tracking: the secretariat creates a plan and an item for a supported
 * proposal in the page, the responsible agency's representative moves it through its
 * stages to in force (a stale move refused with a clear message), the CSV export downloads.
 * The secretariat files an existing item under another reform package, or none.
 */
describe('the implementation page', () => {
  let t: TestApp;
  let browser: Browser;
  let c: Awaited<ReturnType<typeof councilWithCast>>;
  let proposalId: string;
  let proposalTitle: string;
  let otherAgency: { id: string; code: string; name: string };
  const PLAN = 'Plan of the spring sitting';
  const ITEM = 'Decree on open drafts';
  const LATE = 'Concept of open budgets';

  const region = (page: Page | Locator, name: string) => page.getByRole('region', { name, exact: true });
  const shot = async (page: Page, name: string) => {
    if (process.env.SCREENSHOTS_DIR) await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/${name}.png`, fullPage: true });
  };
  const path = () => `/councils/${c.council.id}/implementation`;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    c = await councilWithCast(t);
    const group = await createGroup(t, c.admin, c.council.id);
    await addToGroup(t, c.admin, group.id, c.cast.member.membershipId);
    const p = await createProposal(t, c.cast.member, group.id);
    proposalId = p.id;
    proposalTitle = p.title;
    // The sitting's decision is not what this page is about: the proposal stands supported.
    await t.db.query(`UPDATE proposals SET status = 'supported' WHERE id = $1`, [proposalId]);
    const other = await createAgency(t, c.admin, c.council.id);
    otherAgency = { ...other, name: `Ministry ${other.code}` };
    await t.http().post(`${API}/councils/${c.council.id}/reform-packages`).set(bearer(c.cast.secretariat)).send({ title: 'First package', announcedOn: '2026-01-15' }).expect(201);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  }, SLOW);

  it('lets the secretariat create a plan and an item for a supported proposal, overdue items first', async () => {
    const page = await openPage(browser, t, `${path()}?lang=en`, { as: c.cast.secretariat });
    await page.getByRole('heading', { level: 1, name: /^Implementation: / }).waitFor();
    await region(page, 'Plans').getByText('No plans yet.').waitFor();
    await expectAccessible(page, 'implementation, empty (en)');

    const newPlan = page.getByRole('form', { name: 'New plan' });
    await newPlan.getByLabel('Plan title').fill(PLAN);
    await newPlan.getByRole('button', { name: 'Create the plan' }).click();
    await newPlan.getByRole('status').filter({ hasText: `Plan “${PLAN}” created.` }).waitFor();
    await region(page, 'Plans').getByRole('heading', { name: PLAN }).waitFor();

    const form = page.getByRole('form', { name: 'Add a plan item' });
    await form.getByLabel('Plan', { exact: true }).selectOption({ label: PLAN });
    await form.getByLabel('Supported proposal').selectOption({ label: proposalTitle });
    await form.getByLabel('Item title').fill(ITEM);
    await form.getByLabel('Responsible agency').selectOption({ label: `Ministry ${c.agency.code}` });
    await form.getByLabel('Deliverable').selectOption({ label: 'Decree' });
    await form.getByLabel('Due date').fill('2031-06-30');
    await form.getByLabel('Reform package').selectOption({ label: 'First package' });
    await form.getByRole('button', { name: 'Add the item' }).click();
    await form.getByRole('status').filter({ hasText: `Item “${ITEM}” added.` }).waitFor();
    const item = page.getByRole('article', { name: ITEM });
    await item.getByText('Stage: Planned').waitFor();
    await item.getByText(`Responsible: ${`Ministry ${c.agency.code}`}`).waitFor();
    await item.getByText('Reform package: First package').waitFor();

    // A second item, due in the past, goes to the other agency: it stands first, marked overdue.
    await form.getByLabel('Item title').fill(LATE);
    await form.getByLabel('Responsible agency').selectOption({ label: otherAgency.name });
    await form.getByLabel('Deliverable').selectOption({ label: 'Concept' });
    await form.getByLabel('Due date').fill('2024-01-31');
    await form.getByLabel('Reform package').selectOption({ label: 'None' });
    await form.getByRole('button', { name: 'Add the item' }).click();
    await form.getByRole('status').filter({ hasText: `Item “${LATE}” added.` }).waitFor();
    await page.getByRole('article', { name: LATE }).getByText('Overdue').waitFor();
    const items = region(page, 'Plan items');
    await items.getByRole('status').filter({ hasText: '2 items shown' }).waitFor();
    expect(await items.getByRole('article').first().getByRole('heading').innerText()).toBe(LATE);

    const stored = (await t.http().get(`${API}/councils/${c.council.id}/plan-items`).set(bearer(c.cast.member)).expect(200)).body.items;
    expect(stored).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ title: ITEM, proposalId, responsibleAgencyId: c.agency.id, deliverable: 'decree', dueOn: '2031-06-30', stage: 'planned' }),
        expect.objectContaining({ title: LATE, responsibleAgencyId: otherAgency.id, overdue: true }),
      ]),
    );
    // The filters: by agency, then by stage.
    await items.getByLabel('Filter by agency').selectOption({ label: otherAgency.name });
    await items.getByRole('status').filter({ hasText: '1 item shown' }).waitFor();
    expect(await page.getByRole('article', { name: ITEM }).count()).toBe(0);
    await items.getByLabel('Filter by agency').selectOption({ label: 'All' });
    await items.getByLabel('Filter by stage').selectOption({ label: 'In force' });
    await items.getByText('No items match.').waitFor();
    await items.getByLabel('Filter by stage').selectOption({ label: 'All' });
    await items.getByRole('status').filter({ hasText: '2 items shown' }).waitFor();
    await expectAccessible(page, 'implementation, secretariat (en)');
    await shot(page, 'implementation-secretariat');
    await page.context().close();
  }, SLOW);

  it('lets the secretariat announce a reform package, which items may then be filed in; others only read the packages', async () => {
    const page = await openPage(browser, t, `${path()}?lang=en`, { as: c.cast.secretariat });
    const packages = region(page, 'Reform packages');
    await packages.getByText('First package').waitFor();
    await packages.getByText('announced on 15 Jan 2026').waitFor();
    const form = packages.getByRole('form', { name: 'New reform package' });
    // Today by default.
    expect(await form.getByLabel('Announced on').inputValue()).toBe(new Date().toISOString().slice(0, 10));
    await form.getByLabel('Package title').fill('Second package');
    await form.getByLabel('Announced on').fill('2026-03-01');
    await form.getByRole('button', { name: 'Create the package' }).click();
    await form.getByRole('status').filter({ hasText: 'Reform package “Second package” created.' }).waitFor();
    await packages.getByText('announced on 1 Mar 2026').waitFor();
    expect(await form.getByLabel('Package title').inputValue()).toBe('');
    // In order of announcement, and offered at once for a new item and in the filter.
    expect(await packages.getByRole('listitem').allInnerTexts()).toEqual(['First package — announced on 15 Jan 2026', 'Second package — announced on 1 Mar 2026']);
    await page.getByRole('form', { name: 'Add a plan item' }).getByLabel('Reform package').locator('option', { hasText: 'Second package' }).waitFor({ state: 'attached' });
    await region(page, 'Plan items').getByLabel('Filter by reform package').locator('option', { hasText: 'Second package' }).waitFor({ state: 'attached' });
    const stored = (await t.http().get(`${API}/councils/${c.council.id}/reform-packages`).set(bearer(c.cast.member)).expect(200)).body.items;
    expect(stored).toEqual(expect.arrayContaining([expect.objectContaining({ title: 'Second package', announcedOn: '2026-03-01' })]));
    // An empty title is not sent.
    await form.getByRole('button', { name: 'Create the package' }).click();
    expect((await t.http().get(`${API}/councils/${c.council.id}/reform-packages`).set(bearer(c.cast.member)).expect(200)).body.items).toHaveLength(2);
    await expectAccessible(page, 'implementation, reform packages (en)');
    await page.context().close();

    // A member reads the packages, with no form to create one.
    const member = await openPage(browser, t, `${path()}?lang=en`, { as: c.cast.member });
    await region(member, 'Reform packages').getByText('Second package').waitFor();
    expect(await member.getByRole('form', { name: 'New reform package' }).count()).toBe(0);
    await member.context().close();
  }, SLOW);

  it('lets the secretariat move an existing item into a reform package and out again, the rollup per package following; a member has no such control', async () => {
    const page = await openPage(browser, t, `${path()}?lang=en`, { as: c.cast.secretariat });
    const late = page.getByRole('article', { name: LATE });
    const form = late.getByRole('form', { name: `Reform package of “${LATE}”` });
    const select = form.getByRole('combobox', { name: `Reform package ${LATE}`, exact: true });
    expect(await select.inputValue()).toBe('');
    expect(await select.locator('option').allInnerTexts()).toEqual(['No package', 'First package', 'Second package']);
    // Nothing to move until another package is chosen.
    expect(await form.getByRole('button', { name: 'Move' }).isDisabled()).toBe(true);
    const byPackage = page.getByRole('table', { name: 'By reform package' });
    await byPackage.getByRole('row', { name: /No reform package/ }).waitFor();

    await select.selectOption({ label: 'Second package' });
    await form.getByRole('button', { name: 'Move' }).click();
    await form.getByRole('status').filter({ hasText: `“${LATE}” moved to Second package.` }).waitFor();
    await late.getByText('Reform package: Second package').waitFor();
    expect(await select.inputValue()).not.toBe('');
    // The overdue concept of the other agency now counts under the second package, and nothing stands outside a package.
    const second = byPackage.getByRole('row', { name: /Second package/ });
    await second.waitFor();
    expect(await second.getByRole('cell').allInnerTexts()).toEqual(['1', '0', '0%', expect.stringContaining('%'), '1']);
    expect(await byPackage.getByRole('row', { name: /No reform package/ }).count()).toBe(0);
    const stored = async () => ((await t.http().get(`${API}/councils/${c.council.id}/plan-items`).set(bearer(c.cast.member)).expect(200)).body.items as { title: string; reformPackageId: string | null }[]).find((i) => i.title === LATE)!;
    const packages = (await t.http().get(`${API}/councils/${c.council.id}/reform-packages`).set(bearer(c.cast.member)).expect(200)).body.items as { id: string; title: string }[];
    expect((await stored()).reformPackageId).toBe(packages.find((p) => p.title === 'Second package')!.id);
    await region(page, 'Plan items').getByLabel('Filter by reform package').selectOption({ label: 'Second package' });
    await region(page, 'Plan items').getByRole('status').filter({ hasText: '1 item shown' }).waitFor();
    await region(page, 'Plan items').getByLabel('Filter by reform package').selectOption({ label: 'All' });
    await expectAccessible(page, 'implementation, an item moved to a package (en)');
    await shot(page, 'implementation-package-moved');

    // And out of any package again.
    await select.selectOption({ label: 'No package' });
    await form.getByRole('button', { name: 'Move' }).click();
    await form.getByRole('status').filter({ hasText: `“${LATE}” is now in no reform package.` }).waitFor();
    await byPackage.getByRole('row', { name: /No reform package/ }).waitFor();
    expect(await byPackage.getByRole('row', { name: /Second package/ }).count()).toBe(0);
    expect(await late.getByText(/^Reform package: /).count()).toBe(0);
    expect((await stored()).reformPackageId).toBeNull();
    await page.context().close();

    // A member reads the items and their packages, with no control to move them.
    const member = await openPage(browser, t, `${path()}?lang=en`, { as: c.cast.member });
    const item = member.getByRole('article', { name: ITEM });
    await item.getByText('Reform package: First package').waitFor();
    expect(await member.getByRole('form', { name: /^Reform package of / }).count()).toBe(0);
    expect(await item.getByRole('combobox').count()).toBe(0);
    expect(await item.getByRole('button', { name: 'Move' }).count()).toBe(0);
    await member.context().close();
  }, SLOW);

  it("lets the responsible agency's representative move the item through its stages to in force, a stale move refused clearly", async () => {
    const page = await openPage(browser, t, `${path()}?lang=en`, { as: c.cast.agency_rep, viewport: PHONE });
    const item = page.getByRole('article', { name: ITEM });
    await item.getByText('Stage: Planned').waitFor();
    // Not theirs: the other agency's item offers no update form.
    const late = page.getByRole('article', { name: LATE });
    await late.getByRole('button', { name: `History of “${LATE}”` }).click();
    await late.getByText('No updates yet.').waitFor();
    expect(await late.getByRole('form').count()).toBe(0);
    // A representative neither creates plans nor items.
    expect(await page.getByRole('form', { name: 'Add a plan item' }).count()).toBe(0);

    await item.getByRole('button', { name: `History of “${ITEM}”` }).click();
    const form = item.getByRole('form', { name: 'Record an update' });
    const move = async (stage: string, note: string, extra: { progress?: string; act?: string } = {}) => {
      await form.getByLabel('New stage').selectOption({ label: stage });
      await form.getByLabel('Note').fill(note);
      if (extra.progress) await form.getByLabel('Progress (%)').fill(extra.progress);
      if (extra.act) await form.getByLabel('Legal act reference').fill(extra.act);
      await form.getByRole('button', { name: 'Record the update' }).click();
    };
    await move('Drafting', 'The ministry drafts the decree.', { progress: '30' });
    await item.getByRole('status').filter({ hasText: 'Update recorded: Drafting.' }).waitFor();
    await item.getByText('Stage: Drafting').waitFor();
    await item.getByRole('listitem').filter({ hasText: 'Planned → Drafting' }).waitFor();
    await expectAccessible(page, 'implementation, an update on a phone (en)');

    // Meanwhile the secretariat records the adoption: the representative's stale choice is refused (409).
    const itemId = ((await t.http().get(`${API}/councils/${c.council.id}/plan-items`).set(bearer(c.cast.member)).expect(200)).body.items as { id: string; title: string }[]).find((i) => i.title === ITEM)!.id;
    await t.http().post(`${API}/plan-items/${itemId}/updates`).set(bearer(c.cast.secretariat)).send({ stage: 'adopted', note: 'Adopted by the government.' }).expect(201);
    await move('Submitted', 'Submitted to the government.');
    await item.getByRole('alert').filter({ hasText: 'This stage change was refused: stages only move forward' }).waitFor();
    await item.getByText('Stage: Adopted').waitFor();
    await expectAccessible(page, 'implementation, a refused update (en)');

    await move('Signed', 'Signed by the president.', { act: 'Decree No. 112' });
    await item.getByRole('status').filter({ hasText: 'Update recorded: Signed.' }).waitFor();
    await move('In force', 'Published and in force.', { act: 'Decree No. 112 of 1 March 2026' });
    await item.getByRole('status').filter({ hasText: 'Update recorded: In force.' }).waitFor();
    await item.getByText('Stage: In force').waitFor();
    await item.getByText('Legal act: Decree No. 112 of 1 March 2026').first().waitFor();
    await item.getByText('This item is In force: it takes no more updates.').waitFor();
    const steps = await item.getByRole('list').last().getByRole('listitem').allInnerTexts();
    expect(steps).toHaveLength(4);
    expect(steps[1]).toContain('Drafting → Adopted');
    expect(steps[3]).toContain('Signed → In force');
    expect(steps[3]).toContain('Legal act: Decree No. 112 of 1 March 2026');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);

    // Progress per agency: the ministry's only item is in force.
    const byAgency = page.getByRole('table', { name: 'By responsible agency' });
    const row = byAgency.getByRole('row', { name: new RegExp(`Ministry ${c.agency.code}`) });
    expect(await row.getByRole('cell').allInnerTexts()).toEqual(['1', '1', '100%', expect.stringContaining('100%'), '0']);
    const proposal = (await t.http().get(`${API}/proposals/${proposalId}`).set(bearer(c.cast.secretariat)).expect(200)).body;
    // Its other item (the overdue concept, another agency's) is still planned: the proposal is not implemented yet.
    expect(proposal.status).toBe('in_implementation');
    await shot(page, 'implementation-rep-phone');
    await page.context().close();
  }, SLOW);

  it('downloads the plan as CSV with the bearer token', async () => {
    const page = await openPage(browser, t, `${path()}?lang=en`, { as: c.cast.member });
    const plans = region(page, 'Plans');
    await plans.getByRole('heading', { name: PLAN }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), plans.getByRole('button', { name: `Download “${PLAN}” as CSV` }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('id,title,proposalId,responsibleAgency,deliverable,dueOn,stage,progress,legalActRef');
    expect(text).toContain(`"${ITEM}"`);
    expect(text).toContain('"in_force"');
    await plans.getByRole('status').filter({ hasText: 'Downloaded' }).waitFor();
    await page.context().close();
  }, SLOW);

  it('is accessible in en, ru and kk, and shows an outsider not found', async () => {
    for (const lang of LANGS) {
      const page = await openPage(browser, t, `${path()}?lang=${lang}`, { as: c.cast.secretariat });
      await page.getByRole('article', { name: ITEM }).waitFor();
      expect(await page.evaluate('document.documentElement.lang')).toBe(lang);
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      // The history's button (named with the item's title), not the secretariat's Move.
      await page.getByRole('article', { name: ITEM }).getByRole('button', { name: ITEM }).click();
      await page.getByRole('article', { name: ITEM }).getByRole('list').last().getByRole('listitem').nth(3).waitFor();
      await expectAccessible(page, `implementation (${lang})`);
      if (lang === 'kk') await shot(page, 'implementation-kk');
      await page.context().close();
    }
    const outsider = await openPage(browser, t, `${path()}?lang=en`, { as: c.outsider });
    await outsider.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    expect(await outsider.getByText(PLAN).count()).toBe(0);
    await expectAccessible(outsider, 'implementation, not found (en)');
    await outsider.context().close();
  }, SLOW);
});
