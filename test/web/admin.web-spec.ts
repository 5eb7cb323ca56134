import { Browser, Page } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { addMembership, addToGroup, API, bearer, createCouncil, createGroup, createMember, createProposal, createUser, loginAdmin, Session } from '../support/factories';
import { forceStatus } from '../support/live';
import { expectAccessible, launchBrowser, openPage } from './support/browser';

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };
/** A browser test on this shared machine: pages, axe runs and forms take their time. */
const SLOW = 180_000;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const today = () => iso(new Date());
const yesterday = () => iso(new Date(Date.now() - 86_400_000));

/** The secretariat's administration of a council: every form, field errors from the server's problems, announcements, and who may see it. */
describe('the secretariat’s administration page', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: Session;
  let council: { id: string };
  let secretary: Session;
  let member: Session;
  let outgoing: { name: string; membershipId: string };
  let stayer: { name: string; membershipId: string };
  let groupId: string;
  let newcomer: { name: string; userId: string };
  let proposalTitle: string;

  const fullName = async (s: Session) => (await t.http().get(`${API}/auth/me`).set(bearer(s)).expect(200)).body.fullName as string;
  const shot = async (page: Page, name: string) => page.screenshot({ path: `/tmp/admin-${name}.png`, fullPage: true });
  const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
  const form = (page: Page, name: string) => page.getByRole('form', { name, exact: true });
  const open = async (who: Session, lang = 'en', viewport = LAPTOP) => {
    const page = await openPage(browser, t, `/councils/${council.id}/admin?lang=${lang}`, { as: who, viewport });
    await page.getByRole('heading', { level: 1 }).waitFor();
    return page;
  };

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    admin = await loginAdmin(t);
    council = await createCouncil(t, admin, { name: 'Civic Council' });
    secretary = await createMember(t, admin, council.id, 'Secretary', ['secretariat', 'moderator']);
    const a = await createUser(t, admin, 'Aigerim');
    const am = await addMembership(t, admin, council.id, a.userId, { roles: ['member'], attributes: { sector: 'law', stance: 'moderate' }, startsOn: '2025-01-01' });
    outgoing = { name: await fullName(a), membershipId: am.id };
    const b = await createUser(t, admin, 'Bolat');
    const bm = await addMembership(t, admin, council.id, b.userId, { roles: ['member'], attributes: { sector: 'economy', stance: 'tolerant' }, startsOn: '2025-01-01' });
    stayer = { name: await fullName(b), membershipId: bm.id };
    member = b;
    const c = await createUser(t, admin, 'Dana');
    newcomer = { name: await fullName(c), userId: c.userId };
    await t.http().post(`${API}/councils/${council.id}/candidates`).set(bearer(secretary)).send({ userId: c.userId, attributes: { sector: 'health', stance: 'moderate' } }).expect(201);
    // A recommended proposal for the agenda.
    const group = await createGroup(t, admin, council.id, 'Drafting');
    groupId = group.id;
    await addToGroup(t, admin, group.id, bm.id, 'coordinator');
    const proposal = await createProposal(t, b, group.id, { title: 'Open budget hearings' });
    await forceStatus(t, proposal.id, 'recommended');
    proposalTitle = proposal.title;
  }, SLOW);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  }, SLOW);

  it('lets the secretariat add an agency (a field error first), create a group and add a member to it', async () => {
    const page = await open(secretary);
    await page.getByRole('heading', { level: 1, name: 'Administration: Civic Council' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    await expectAccessible(page, 'admin (en)');

    const agencies = region(page, 'Agencies');
    const agencyForm = form(page, 'Add an agency');
    await agencyForm.getByLabel('Agency name').fill('Ministry of Justice');
    await agencyForm.getByLabel('Code').fill('bad code!');
    await agencyForm.getByRole('button', { name: 'Add the agency' }).click();
    // The server's problem names the field: the message stands by it, the field is marked and takes the focus.
    const code = agencyForm.getByLabel('Code');
    await agencyForm.getByText('must be 1-32 letters, digits, dashes or underscores', { exact: true }).waitFor();
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect(await code.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement)).toBe(true);
    await agencyForm.getByRole('alert').getByText('Please correct the fields marked below.').waitFor();
    await expectAccessible(page, 'admin, a field error (en)');
    await code.fill('MOJ');
    await agencyForm.getByRole('button', { name: 'Add the agency' }).click();
    await agencyForm.getByRole('status').getByText('Agency added: Ministry of Justice.').waitFor();
    expect(await code.getAttribute('aria-invalid')).toBe('false');
    await agencies.getByRole('list', { name: 'Agencies' }).getByText('Ministry of Justice').waitFor();

    const groups = region(page, 'Working groups');
    const groupForm = form(page, 'Create a working group');
    await groupForm.getByRole('button', { name: 'Create the group' }).click();
    await groupForm.getByText('Required.').first().waitFor();
    expect(await groupForm.getByLabel('Group name').getAttribute('aria-invalid')).toBe('true');
    await groupForm.getByLabel('Group name').fill('Social policy');
    await groupForm.getByLabel('Mandate').fill('Pensions, health and education.');
    await groupForm.getByRole('button', { name: 'Create the group' }).click();
    await groupForm.getByRole('status').getByText('Working group created: Social policy.').waitFor();
    await groups.getByRole('heading', { name: 'Social policy' }).waitFor();

    const add = form(page, 'Add a member to a group');
    await add.getByLabel('Working group').selectOption({ label: 'Social policy' });
    await add.getByLabel('Council member').selectOption({ label: stayer.name });
    await add.getByLabel('Role in the group').selectOption({ label: 'Coordinator' });
    await add.getByRole('button', { name: 'Add to the group' }).click();
    await add.getByRole('status').getByText(`${stayer.name} added to Social policy.`).waitFor();
    await groups.getByRole('list', { name: 'Members of Social policy' }).getByText(`${stayer.name} — Coordinator`).waitFor();
    await page.context().close();
  }, SLOW);

  it('rotates a membership in one flow: the old term ends, the new one starts, the list and the composition follow, and the past stays visible', async () => {
    const page = await open(secretary);
    const section = region(page, 'Memberships');
    const list = section.getByRole('list', { name: 'Memberships on that date' });
    await list.getByText(outgoing.name, { exact: true }).waitFor();
    const composition = section.getByRole('definition').filter({ hasText: 'law: 1' });
    await composition.waitFor();
    await section.getByText('2 members with a vote').waitFor();

    await section.getByRole('button', { name: `Rotate ${outgoing.name}` }).click();
    const rotation = form(page, `Rotation: end ${outgoing.name}’s term and start another`);
    expect(await rotation.getByLabel(`Last day of ${outgoing.name}’s term`).inputValue()).toBe(yesterday());
    expect(await rotation.getByLabel('Term starts on').inputValue()).toBe(today());
    // Nobody chosen: the local check says so by the field.
    await rotation.getByRole('button', { name: 'End the term and start the new one' }).click();
    await rotation.getByText('Choose a person.').waitFor();
    await rotation.getByLabel('Person').selectOption({ label: `${newcomer.name} (candidate)` });
    // The candidate's attributes fill the fields.
    expect(await rotation.getByLabel('sector').inputValue()).toBe('health');
    await expectAccessible(page, 'admin, rotation form (en)');
    await rotation.getByRole('button', { name: 'End the term and start the new one' }).click();
    await section.getByRole('status').getByText(`Rotation done: ${outgoing.name}’s term ends on ${yesterday()}; ${newcomer.name} serves from ${today()}.`).waitFor();

    await list.getByText(newcomer.name, { exact: true }).waitFor();
    await list.getByText(outgoing.name, { exact: true }).waitFor({ state: 'detached' });
    await section.getByRole('definition').filter({ hasText: 'health: 1' }).waitFor();
    expect(await section.getByRole('definition').filter({ hasText: 'law: 1' }).count()).toBe(0);

    // The past: on yesterday's date the outgoing term is there, with its end.
    await section.getByLabel('Members on').fill(yesterday());
    await list.getByText(outgoing.name, { exact: true }).waitFor();
    const card = list.getByRole('listitem').filter({ hasText: outgoing.name });
    await card.getByText(/^From .* to /).waitFor();
    expect(await list.getByText(newcomer.name, { exact: true }).count()).toBe(0);

    // The server agrees.
    const now = await t.http().get(`${API}/councils/${council.id}/memberships?at=${today()}`).set(bearer(secretary)).expect(200);
    const names = (now.body.items as { user: { fullName: string } }[]).map((m) => m.user.fullName);
    expect(names).toContain(newcomer.name);
    expect(names).not.toContain(outgoing.name);
    await page.context().close();
  }, SLOW);

  it('creates a sitting with an agenda item on a recommended proposal', async () => {
    const page = await open(secretary);
    const sessions = region(page, 'Sittings and agendas');
    const create = form(page, 'Create a sitting');
    await create.getByLabel('Title').fill('Winter plenary');
    await create.getByLabel('Date and time').fill('2027-01-20T10:00');
    await create.getByLabel('Public (anyone may watch)').check();
    await create.getByRole('button', { name: 'Create the sitting' }).click();
    await create.getByRole('status').getByText('Sitting created: Winter plenary.').waitFor();
    await sessions.getByRole('list', { name: 'Sittings' }).getByRole('link', { name: 'Winter plenary' }).waitFor();

    const item = form(page, 'Add an agenda item');
    await item.getByLabel('Sitting').selectOption({ label: 'Winter plenary' });
    await item.getByLabel('Item title').fill('Budget hearings');
    await item.getByLabel('Proposal').selectOption({ label: proposalTitle });
    await item.getByRole('group', { name: 'Speakers' }).getByLabel(stayer.name).check();
    await item.getByLabel('Time allowance (minutes)').fill('0');
    await item.getByRole('button', { name: 'Add the item' }).click();
    await item.getByText('Enter a whole number of at least 1.').waitFor();
    await item.getByLabel('Time allowance (minutes)').fill('15');
    await item.getByRole('button', { name: 'Add the item' }).click();
    await item.getByRole('status').getByText('Item 1 added: Budget hearings.').waitFor();
    await sessions.getByRole('list', { name: 'Agenda of Winter plenary' }).getByText('Budget hearings').waitFor();
    // On the agenda, the proposal is no longer one to choose.
    await item.getByLabel('Proposal').locator('option', { hasText: proposalTitle }).waitFor({ state: 'detached' });
    await expectAccessible(page, 'admin, sitting and agenda (en)');
    await page.context().close();
  }, SLOW);

  it('verifies the audit chain in words, lists the latest entries, and says when it is broken', async () => {
    const page = await open(secretary);
    const audit = region(page, 'Audit chain');
    await audit.getByRole('button', { name: 'Verify the audit chain' }).click();
    await audit.getByRole('status').getByText(/^The chain is intact: \d+ entries verified\.$/).waitFor();
    const entries = audit.getByRole('list', { name: 'Latest audit entries' });
    await entries.getByText('membership.updated').first().waitFor();
    await entries.getByText('agenda_item.created').first().waitFor();

    // Someone edits an entry behind the application's back: the check names it.
    const row = (await t.db.query('SELECT id FROM audit_entries WHERE council_id = $1 ORDER BY chain_seq ASC LIMIT 1 OFFSET 1', [council.id])) as { id: string }[];
    const runner = t.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SET session_replication_role = replica');
      await runner.query(`UPDATE audit_entries SET summary = '{"forged":true}' WHERE id = $1`, [row[0].id]);
    } finally {
      await runner.query('RESET session_replication_role');
      await runner.release();
    }
    await audit.getByRole('button', { name: 'Verify the audit chain' }).click();
    await audit.getByRole('status').getByText(`The chain is broken: the first entry that does not verify is ${row[0].id}`, { exact: false }).waitFor();
    await page.context().close();
  }, SLOW);

  it('edits the settings: a field error, then saved', async () => {
    const page = await open(secretary);
    const settings = form(page, 'Change the settings');
    await settings.getByLabel('Minority opinion window (hours)').fill('two days');
    await settings.getByRole('button', { name: 'Save the settings' }).click();
    await settings.getByText('Enter a whole number.').waitFor();
    await settings.getByLabel('Minority opinion window (hours)').fill('72');
    await settings.getByLabel('Quorum rule').selectOption({ label: 'A fraction of the voters' });
    await settings.getByLabel('Numerator').fill('1');
    await settings.getByLabel('Denominator').fill('2');
    await settings.getByLabel('Proxy voting is on').check();
    await settings.getByRole('button', { name: 'Save the settings' }).click();
    await settings.getByRole('status').getByText('Settings saved.').waitFor();
    const c = await t.http().get(`${API}/councils/${council.id}`).set(bearer(secretary)).expect(200);
    expect({ hours: c.body.minorityOpinionWindowHours, quorum: c.body.plenaryQuorum, proxy: c.body.proxyVoting.enabled }).toEqual({ hours: 72, quorum: { numerator: 1, denominator: 2 }, proxy: true });
    await page.context().close();
  }, SLOW);

  it('shows a member, an outsider and an anonymous visitor the not-found state, never the data', async () => {
    const page = await open(member);
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    expect(await page.getByText('Memberships').count()).toBe(0);
    expect(await page.getByText('Civic Council').count()).toBe(0);
    await expectAccessible(page, 'admin, a member (en)');
    await page.context().close();

    const outsider = await createUser(t, admin, 'Outsider');
    const other = await open(outsider);
    await other.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    await other.context().close();

    const anonymous = await openPage(browser, t, `/councils/${council.id}/admin`);
    await anonymous.waitForURL(/\/login/);
    await anonymous.context().close();
  }, SLOW);

  it('speaks Russian and Kazakh without a serious accessibility violation, and fits a phone', async () => {
    for (const [lang, h1] of [
      ['ru', 'Администрирование: Civic Council'],
      ['kk', 'Әкімшілік: Civic Council'],
    ] as const) {
      const page = await open(secretary, lang);
      await page.getByRole('heading', { level: 1, name: h1 }).waitFor();
      expect(await page.evaluate('document.documentElement.lang')).toBe(lang);
      await page.locator('form').first().getByRole('button').last().click();
      await page.getByRole('alert').filter({ hasText: lang === 'ru' ? 'Исправьте' : 'түзетіңіз' }).first().waitFor();
      await expectAccessible(page, `admin (${lang})`);
      await page.context().close();
    }

    const phone = await open(secretary, 'en', PHONE);
    await phone.getByRole('heading', { level: 1, name: 'Administration: Civic Council' }).waitFor();
    await region(phone, 'Agencies').getByText('Ministry of Justice').waitFor();
    await region(phone, 'Memberships').getByRole('button', { name: `Rotate ${stayer.name}` }).click();
    await expectAccessible(phone, 'admin (phone)');
    expect(await phone.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    const small = await phone.evaluate(`[...document.querySelectorAll('main button, main input, main select, main a')].filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && e.type !== 'checkbox' && r.height < 44; }).map((e) => e.outerHTML.slice(0, 80))`);
    expect(small).toEqual([]);
    await shot(phone, 'phone');
    await phone.context().close();
  }, SLOW);

  it('sets how the council takes petitions: field errors by their fields, then saved and shown', async () => {
    const page = await open(secretary);
    const settings = region(page, 'Council settings');
    await settings.getByText('The council takes no petitions.').waitFor();
    const petitions = form(page, 'How the council takes petitions');
    expect(await petitions.getByLabel('The council takes new petitions').isChecked()).toBe(false);
    await petitions.getByLabel('The council takes new petitions').check();
    await petitions.getByLabel('Signatures for the agenda').fill('500');
    await petitions.getByLabel('Signatures for a written answer (optional)').fill('800');
    await petitions.getByLabel('Days to sign').fill('400');
    await petitions.getByRole('button', { name: 'Save the petition settings' }).click();
    await petitions.getByText('Must be below the signatures that put a petition on the agenda.').waitFor();
    await petitions.getByText('Enter a whole number of days from 1 to 365.').waitFor();
    await petitions.getByText('Choose a working group.').waitFor();
    // Nothing was sent.
    expect((await t.http().get(`${API}/councils/${council.id}`).set(bearer(secretary)).expect(200)).body.petitions).toBeNull();
    await expectAccessible(page, 'admin, petition settings refused (en)');

    await petitions.getByLabel('Signatures for a written answer (optional)').fill('200');
    await petitions.getByLabel('Days to sign').fill('30');
    await petitions.getByLabel('Working group for referred petitions').selectOption({ label: 'Drafting' });
    await petitions.getByRole('button', { name: 'Save the petition settings' }).click();
    await petitions.getByRole('status').getByText('Petition settings saved: the council takes petitions.').waitFor();
    await settings.getByText('Petitions are on: 500 signatures put one on the agenda; 30 days to sign; 60 days to answer.').waitFor();
    const c = await t.http().get(`${API}/councils/${council.id}`).set(bearer(secretary)).expect(200);
    expect(c.body.petitions).toEqual({ enabled: true, agendaThreshold: 500, responseThreshold: 200, signatureDays: 30, responseDays: 60, verification: ['email'], workingGroupId: groupId });
    // The public may now submit one.
    await t.http().post(`${API}/councils/${council.id}/petitions`).send({ title: 'Benches in the park', summary: 'More benches.', body: 'Please.', authorName: 'A. Citizen', authorEmail: `citizen-${Date.now()}@example.org` }).expect(201);

    // Turned off again, the thresholds kept.
    await petitions.getByLabel('The council takes new petitions').uncheck();
    await petitions.getByRole('button', { name: 'Save the petition settings' }).click();
    await petitions.getByRole('status').getByText('Petition settings saved: the council takes no new petitions.').waitFor();
    await settings.getByText('The council takes no petitions.').waitFor();
    const off = await t.http().get(`${API}/councils/${council.id}`).set(bearer(secretary)).expect(200);
    expect(off.body.petitions).toMatchObject({ enabled: false, agendaThreshold: 500 });
    await page.context().close();
  }, SLOW);

  it('changes a running term’s roles and attributes from a date on, without rotating it: the earlier composition stays, the change is audited', async () => {
    const page = await open(secretary);
    const section = region(page, 'Memberships');
    const list = section.getByRole('list', { name: 'Memberships on that date' });
    await list.getByText(stayer.name, { exact: true }).waitFor();
    await section.getByRole('button', { name: `Change ${stayer.name}’s roles or attributes` }).click();
    const change = form(page, `Change ${stayer.name}’s roles or attributes during the term`);
    // The term as it stands, from today by default.
    const roles = change.getByRole('group', { name: 'Roles' });
    expect(await roles.getByLabel('Member').isChecked()).toBe(true);
    expect(await roles.getByLabel('Moderator').isChecked()).toBe(false);
    // No agency on this term: it cannot become a representative here.
    expect(await roles.getByLabel('Agency representative').count()).toBe(0);
    expect(await change.getByLabel('stance').inputValue()).toBe('tolerant');
    expect(await change.getByLabel('Takes effect on').inputValue()).toBe(today());

    // Not before the term starts: said by the field, nothing sent.
    await change.getByLabel('Takes effect on').fill('2024-12-31');
    await change.getByRole('button', { name: 'Save the change' }).click();
    await change.getByText('Not before the term starts.').waitFor();
    await change.getByLabel('Takes effect on').fill(today());
    await change.getByLabel('stance').fill('national-patriotic');
    await roles.getByLabel('Moderator').check();
    await expectAccessible(page, 'admin, change of a term (en)');
    await change.getByRole('button', { name: 'Save the change' }).click();
    await section.getByRole('status').getByText(`${stayer.name}’s roles and attributes changed from ${today()}.`).waitFor();

    // The same term carries on, with its new roles and stance.
    const card = list.getByRole('listitem').filter({ hasText: stayer.name });
    await card.getByText('Member, Moderator').waitFor();
    await card.getByText(/stance: national-patriotic/).waitFor();
    await section.getByRole('definition').filter({ hasText: 'national-patriotic: 1' }).waitFor();
    const now = await t.http().get(`${API}/councils/${council.id}/memberships?at=${today()}`).set(bearer(secretary)).expect(200);
    const terms = (now.body.items as { id: string; user: { fullName: string } }[]).filter((m) => m.user.fullName === stayer.name);
    expect(terms.map((m) => m.id)).toEqual([stayer.membershipId]);
    // Yesterday's council is as it was.
    const before = await t.http().get(`${API}/councils/${council.id}/composition?at=${yesterday()}`).set(bearer(secretary)).expect(200);
    expect(before.body.dimensions.stance.tolerant).toBe(1);
    expect(before.body.dimensions.stance['national-patriotic']).toBeUndefined();
    await section.getByLabel('Members on').fill(yesterday());
    await list.getByRole('listitem').filter({ hasText: stayer.name }).getByText(/stance: tolerant/).waitFor();
    // Audited, with the date it takes effect.
    const audit = await t.http().get(`${API}/councils/${council.id}/audit?limit=200`).set(bearer(secretary)).expect(200);
    const entry = (audit.body.items as { action: string; objectId: string; summary: Record<string, unknown> }[]).find((e) => e.action === 'membership.updated' && e.objectId === stayer.membershipId);
    expect(JSON.stringify(entry?.summary)).toContain(today());
    await page.context().close();

    // In Kazakh, the form opened, without a serious violation.
    const kk = await open(secretary, 'kk');
    await region(kk, 'Мүшелік').getByText(stayer.name, { exact: true }).first().waitFor();
    await kk.getByRole('button', { name: `Рөлдерін не атрибуттарын өзгерту: ${stayer.name}` }).click();
    await kk.getByRole('button', { name: 'Өзгерісті сақтау' }).waitFor();
    await expectAccessible(kk, 'admin, change of a term (kk)');
    await kk.context().close();
  }, SLOW);
});
