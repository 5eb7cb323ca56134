import { Browser, Locator, Page } from 'playwright-core';
import { TestApp, startTestApp } from '../support/test-app';
import { addMembership, API, bearer, createProposal, createUser, openConsultation, Session } from '../support/factories';
import { createSession } from '../support/live';
import { enablePetitions } from '../support/petitions';
import { createPoll, GroupCouncil, groupCouncil, openPoll, runPoll, vote } from '../support/poll-factories';
import { expectAccessible, LANGS, launchBrowser, openPage } from './support/browser';

const PHONE = { width: 390, height: 844 };
/** Each test opens several pages and runs axe on some; a loaded 2-core machine needs minutes, not jest's 60 s. */
const BROWSER_TEST_MS = 240_000;
const MAJORITY = { method: 'majority', base: 'cast' };

/**
 * The start page's "what needs you now" for a member, an agency
 * representative and a voter in a minority, and the council page: groups,
 * proposal search in Russian and Kazakh with highlighted snippets, members and
 * composition on a past day, the not-found state for an outsider.
 */
describe('home agenda and the council page', () => {
  let t: TestApp;
  let browser: Browser;
  let g: GroupCouncil;
  let councilName: string;
  let groupName: string;
  let coordinatorName: string;
  const ids: Record<string, string> = {};
  const names: Record<string, string> = {};

  const fullName = async (s: Session) => (await t.http().get(`${API}/auth/me`).set(bearer(s)).expect(200)).body.fullName as string;
  const region = (page: Page | Locator, name: string) => page.getByRole('region', { name, exact: true });

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    g = await groupCouncil(t, 2);
    councilName = (await t.http().get(`${API}/councils/${g.council.id}`).set(bearer(g.admin)).expect(200)).body.name;
    groupName = (await t.http().get(`${API}/working-groups/${g.groupId}`).set(bearer(g.admin)).expect(200)).body.name;
    coordinatorName = await fullName(g.coordinator);
    // Members with attributes: one since 2020, one since 2024, one whose term ended in 2022.
    for (const [key, attributes, startsOn, endsOn] of [
      ['lawyer', { sector: 'law', stance: 'moderate' }, '2020-01-01', null],
      ['economist', { sector: 'economics', stance: 'tolerant' }, '2024-01-01', null],
      ['retired', { sector: 'law', stance: 'tolerant' }, '2020-01-01', '2022-12-31'],
    ] as const) {
      const u = await createUser(t, g.admin, key);
      await addMembership(t, g.admin, g.council.id, u.userId, { roles: ['member'], attributes, startsOn, endsOn });
      names[key] = await fullName(u);
    }
    // Proposals in Russian and Kazakh; the Russian one goes to the agency for consultation.
    const ru = await createProposal(t, g.voters[1], g.groupId, {
      title: 'О налоговых льготах для малого бизнеса',
      summary: 'Снизить ставку для небольших предприятий.',
      body: 'Предлагается снизить налоговую ставку для предприятий малого бизнеса на три года.\n',
    });
    ids.ru = ru.id;
    ids.kk = (
      await createProposal(t, g.voters[1], g.groupId, {
        title: 'Мемлекеттік тілді дамыту туралы',
        summary: 'Қолданылу аясын кеңейту.',
        body: 'Мемлекеттік тілдің қолданылу аясын кеңейту ұсынылады.\n',
      })
    ).id;
    await openConsultation(t, g.coordinator, ids.ru, [g.agency.id]);
    // An open poll (voter 1 has voted), a closed one adopted against voter 2, a sitting in a few minutes.
    ids.open = (await createPoll(t, g.coordinator, g.groupId, MAJORITY, { question: 'Shall the group meet weekly?' })).id;
    await openPoll(t, g.coordinator, ids.open);
    await vote(t, g.voters[1], ids.open, 'for');
    ids.closed = (await runPoll(t, g.coordinator, g.groupId, g.voters, MAJORITY, ['for', 'for', 'against'], { question: 'Shall minutes be public?' })).id;
    // Today on this machine's clock (the browser's day): two minutes from now, or two minutes ago when that would be tomorrow
    // (seen in a run started at 23:58, where the sitting fell on the next day and was rightly not listed as today's).
    const soon = new Date(Date.now() + 120_000);
    const scheduledAt = soon.getDate() === new Date().getDate() ? soon : new Date(Date.now() - 120_000);
    ids.session = (await createSession(t, g.chair, g.council.id, { title: 'Morning plenary', scheduledAt: scheduledAt.toISOString() })).id;
  }, BROWSER_TEST_MS);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("shows a member the poll to vote in and today's sitting, links the council page, in three languages and on a phone", async () => {
    const home = await openPage(browser, t, '/', { as: g.voters[0], viewport: PHONE });
    const agenda = region(home, 'What needs you now');
    const polls = region(agenda, 'Open polls');
    const poll = polls.getByRole('listitem').filter({ hasText: 'Shall the group meet weekly?' });
    await poll.getByText('Not voted yet').waitFor();
    expect(await poll.getByRole('link', { name: 'Shall the group meet weekly?' }).getAttribute('href')).toBe(`/polls/${ids.open}`);
    const today = region(agenda, 'Sittings today').getByRole('listitem').filter({ hasText: 'Morning plenary' });
    expect(await today.getByRole('link', { name: 'Go to the sitting' }).getAttribute('href')).toBe(`/sessions/${ids.session}`);
    // The sitting's title links once on the page (in the council's card), so a link found by that name is one.
    expect(await home.getByRole('link', { name: 'Morning plenary', exact: true }).count()).toBe(1);
    expect(await region(agenda, 'Consultations due to your agency').count()).toBe(0);
    expect(await region(agenda, 'Minority opinions you may still file or co-sign').count()).toBe(0);
    const nav = home.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Home' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Consultations' }).count()).toBe(0);
    await expectAccessible(home, 'home: member (en, phone)');
    await home.screenshot({ path: '/tmp/council-home-member.png', fullPage: true });
    for (const lang of ['ru', 'kk'] as const) {
      const page = await openPage(browser, t, `/?lang=${lang}`, { as: g.voters[0], viewport: PHONE });
      await page.getByRole('link', { name: 'Shall the group meet weekly?' }).waitFor();
      await page.getByText(lang === 'ru' ? 'Вы ещё не голосовали' : 'Әлі дауыс бермедіңіз').waitFor();
      await expectAccessible(page, `home: member (${lang})`);
      await page.context().close();
    }
    // The voter who has voted sees it so.
    const voted = await openPage(browser, t, '/', { as: g.voters[1] });
    await region(voted, 'Open polls').getByRole('listitem').filter({ hasText: 'Shall the group meet weekly?' }).getByText('Voted', { exact: true }).waitFor();
    await voted.context().close();
    // The council's card leads to the council page.
    await home.getByRole('heading', { level: 2, name: councilName }).getByRole('link').click();
    await home.getByRole('heading', { level: 1, name: councilName }).waitFor();
    expect(new URL(home.url()).pathname).toBe(`/councils/${g.council.id}`);
    await home.context().close();
  }, BROWSER_TEST_MS);

  it("shows an agency representative their agency's consultation and the Consultations link", async () => {
    const home = await openPage(browser, t, '/', { as: g.agencyRep, viewport: PHONE });
    const part = region(region(home, 'What needs you now'), 'Consultations due to your agency');
    const item = part.getByRole('listitem').filter({ hasText: 'О налоговых льготах для малого бизнеса' });
    await item.getByText('Open', { exact: true }).waitFor();
    await item.getByText('What would it take to implement this?').waitFor();
    expect(await part.getByRole('link', { name: 'All consultations of your agency' }).getAttribute('href')).toBe('/consultations');
    expect(await home.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Consultations' }).getAttribute('href')).toBe('/consultations');
    expect(await region(home, 'Open polls').count()).toBe(0);
    await expectAccessible(home, 'home: agency rep');
    await home.screenshot({ path: '/tmp/council-home-rep.png', fullPage: true });
    await home.context().close();
  }, BROWSER_TEST_MS);

  it('offers the voter in the minority a minority opinion on the closed poll', async () => {
    const home = await openPage(browser, t, '/', { as: g.voters[2] });
    const part = region(home, 'Minority opinions you may still file or co-sign');
    const item = part.getByRole('listitem').filter({ hasText: 'Shall minutes be public?' });
    await item.getByText('You voted “Against”; the poll was adopted.', { exact: false }).waitFor();
    expect(await item.getByRole('link', { name: 'Shall minutes be public?' }).getAttribute('href')).toBe(`/polls/${ids.closed}`);
    await expectAccessible(home, 'home: minority');
    await home.context().close();
    const majority = await openPage(browser, t, '/', { as: g.voters[0] });
    await region(majority, 'Open polls').waitFor();
    expect(await region(majority, 'Minority opinions you may still file or co-sign').count()).toBe(0);
    await majority.context().close();
  }, BROWSER_TEST_MS);

  it('shows the secretariat, and nobody else, the petitions to moderate and the minority opinion to acknowledge', async () => {
    await t.http().post(`${API}/polls/${ids.closed}/minority-opinions`).set(bearer(g.voters[2])).send({ body: 'Minutes name people.' }).expect(201);
    await enablePetitions(t, g.secretariat, g.council.id, { agendaThreshold: 10, workingGroupId: g.groupId });
    await t.http().post(`${API}/councils/${g.council.id}/petitions`).send({ title: 'Benches in parks', summary: 'More benches.', body: 'Every park gets ten benches.', authorName: 'Aigerim Nurlanova', authorEmail: 'aigerim.author@example.kz' }).expect(201);
    const home = await openPage(browser, t, '/', { as: g.secretariat, viewport: PHONE });
    const agenda = region(home, 'What needs you now');
    const moderation = region(agenda, 'Petitions awaiting moderation').getByRole('listitem');
    await moderation.getByText('1 petition waits to be published or rejected').waitFor();
    expect(await moderation.getByRole('link', { name: `Moderate the petitions of ${councilName}` }).getAttribute('href')).toBe(`/councils/${g.council.id}/petitions/moderation`);
    const ack = region(agenda, 'Minority opinions awaiting acknowledgement').getByRole('listitem').filter({ hasText: 'Shall minutes be public?' });
    await ack.getByText('1 opinion not yet acknowledged').waitFor();
    expect(await ack.getByRole('link', { name: 'Shall minutes be public?' }).getAttribute('href')).toBe(`/polls/${ids.closed}`);
    await expectAccessible(home, 'home: secretariat (en, phone)');
    await home.screenshot({ path: '/tmp/council-home-secretariat.png', fullPage: true });
    await home.context().close();
    for (const lang of ['ru', 'kk'] as const) {
      const page = await openPage(browser, t, `/?lang=${lang}`, { as: g.secretariat });
      await page.getByText(lang === 'ru' ? '1 петиция ждёт публикации или отклонения' : '1 петиция жариялауды не қабылдамауды күтуде').waitFor();
      await expectAccessible(page, `home: secretariat (${lang})`);
      await page.context().close();
    }
    for (const who of [g.voters[0], g.chair]) {
      const page = await openPage(browser, t, '/', { as: who });
      await region(page, 'Sittings today').waitFor();
      expect(await region(page, 'Petitions awaiting moderation').count()).toBe(0);
      expect(await region(page, 'Minority opinions awaiting acknowledgement').count()).toBe(0);
      await page.context().close();
    }
  }, BROWSER_TEST_MS);

  it('shows the groups with coordinators and New proposal only in the groups one belongs to', async () => {
    const page = await openPage(browser, t, `/councils/${g.council.id}`, { as: g.voters[0] });
    await page.getByRole('heading', { level: 1, name: councilName }).waitFor();
    const groups = region(page, 'Working groups');
    await groups.getByText(`Coordinators: ${coordinatorName}`).waitFor();
    const newProposal = groups.getByRole('link', { name: `New proposal in ${groupName}` });
    expect(await newProposal.getAttribute('href')).toBe(`/working-groups/${g.groupId}/proposals/new`);
    expect(await groups.getByRole('link', { name: /^New proposal in / }).count()).toBe(1);
    const pages = page.getByRole('navigation', { name: 'Council pages' });
    expect(await pages.getByRole('link', { name: 'Implementation' }).getAttribute('href')).toBe(`/councils/${g.council.id}/implementation`);
    expect(await pages.getByRole('link', { name: 'Petitions' }).getAttribute('href')).toBe(`/councils/${g.council.id}/petitions`);
    expect(await pages.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    const sittings = region(page, 'Sittings');
    expect(await sittings.getByRole('link', { name: 'Projector of Morning plenary' }).getAttribute('href')).toBe(`/sessions/${ids.session}/projector`);
    await page.context().close();
    const sec = await openPage(browser, t, `/councils/${g.council.id}`, { as: g.secretariat });
    await sec.getByRole('navigation', { name: 'Council pages' }).getByRole('link', { name: 'Administration' }).waitFor();
    await region(sec, 'Working groups').getByText(`Coordinators: ${coordinatorName}`).waitFor();
    expect(await region(sec, 'Working groups').getByRole('link', { name: /^New proposal in / }).count()).toBe(0);
    await sec.context().close();
  }, BROWSER_TEST_MS);

  it('finds a Russian and a Kazakh proposal and shows the highlighted snippet', async () => {
    const page = await openPage(browser, t, `/councils/${g.council.id}`, { as: g.voters[0], viewport: PHONE });
    const proposals = region(page, 'Proposals');
    const search = proposals.getByRole('searchbox', { name: 'Search proposals' });
    await proposals.getByRole('status').filter({ hasText: '2 proposals found' }).waitFor();
    await search.fill('налоговая ставка');
    await proposals.getByRole('button', { name: 'Search' }).click();
    await proposals.getByRole('status').filter({ hasText: '1 proposal found' }).waitFor();
    const ru = proposals.getByRole('link', { name: 'О налоговых льготах для малого бизнеса' });
    expect(await ru.getAttribute('href')).toBe(`/proposals/${ids.ru}`);
    const marks = await proposals.locator('.council-hits mark').allInnerTexts();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((m) => /^(налогов|ставк)/i.test(m))).toBe(true);
    await proposals.locator('.council-hits').getByText('In consultation').waitFor();
    await expectAccessible(page, 'council: Russian search (phone)');
    await page.screenshot({ path: '/tmp/council-search-phone.png', fullPage: true });

    await search.fill('тілді');
    await search.press('Enter');
    const kk = proposals.getByRole('link', { name: 'Мемлекеттік тілді дамыту туралы' });
    await kk.waitFor();
    await proposals.getByRole('status').filter({ hasText: '1 proposal found' }).waitFor();
    expect(await proposals.locator('.council-hits mark').allInnerTexts()).toContain('тілді');
    // A filter by status narrows the same query to nothing.
    await proposals.getByLabel('Status').selectOption({ label: 'In consultation' });
    await proposals.getByRole('status').filter({ hasText: 'No proposals match.' }).waitFor();
    await proposals.getByLabel('Status').selectOption({ label: 'Any' });
    await proposals.getByLabel('Working group').selectOption({ label: groupName });
    await kk.waitFor();
    await page.context().close();
  }, BROWSER_TEST_MS);

  it('shows members and composition on a past day, which differ from today', async () => {
    const page = await openPage(browser, t, `/councils/${g.council.id}`, { as: g.voters[0] });
    const members = region(page, 'Members');
    const sector = members.getByRole('table', { name: 'By sector' });
    await sector.getByRole('row', { name: /economics/ }).waitFor();
    const rows = async () => (await sector.getByRole('row').allInnerTexts()).slice(1).map((r) => r.split('\t').slice(0, 2).join(' ').trim());
    // The members without a sector count as unspecified.
    expect(await rows()).toEqual(['unspecified 4', 'economics 1', 'law 1']);
    const list = members.getByRole('region', { name: /^Members on / });
    await list.getByRole('rowheader', { name: names.economist }).waitFor();
    expect(await list.getByRole('rowheader', { name: names.retired }).count()).toBe(0);
    await expectAccessible(page, 'council: today (desktop)');
    await page.screenshot({ path: '/tmp/council-desktop.png', fullPage: true });

    await members.getByLabel('On date').fill('2021-06-01');
    await members.getByRole('status').filter({ hasText: 'Composition on 1 June 2021' }).waitFor();
    await sector.getByRole('row', { name: /law 2/ }).waitFor();
    expect(await rows()).toEqual(['unspecified 4', 'law 2']);
    await list.getByRole('rowheader', { name: names.retired }).waitFor();
    expect(await list.getByRole('rowheader', { name: names.economist }).count()).toBe(0);
    await page.context().close();
  }, BROWSER_TEST_MS);

  it('passes axe in English, Russian and Kazakh, on a phone too', async () => {
    for (const lang of LANGS) {
      const page = await openPage(browser, t, `/councils/${g.council.id}?lang=${lang}`, { as: g.voters[0], viewport: PHONE });
      await page.getByRole('heading', { level: 1, name: councilName }).waitFor();
      await page.locator('.council-hits li').first().waitFor();
      await page.locator('.council-table tbody tr').first().waitFor();
      await expectAccessible(page, `council (${lang}, phone)`);
      await page.context().close();
    }
  }, BROWSER_TEST_MS);

  it('shows an outsider the not-found state, never the council', async () => {
    const page = await openPage(browser, t, `/councils/${g.council.id}`, { as: g.outsider });
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    expect(await page.getByText(councilName).count()).toBe(0);
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    await expectAccessible(page, 'council: not found');
    await page.context().close();
  }, BROWSER_TEST_MS);
});
