import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer, createProposal, openConsultation, Session } from '../support/factories';
import { expectProblem } from '../support/problems';
import { createSession } from '../support/live';
import { enablePetitions } from '../support/petitions';
import { createPoll, GroupCouncil, groupCouncil, openPoll, runPoll, vote } from '../support/poll-factories';

const MAJORITY = { method: 'majority', base: 'cast' };
const HOUR = 3_600_000;

interface Agenda {
  at: string;
  polls: { pollId: string; voted: boolean; secret: boolean; councilId: string; question: string }[];
  consultations: { consultationId: string; urgency: string; proposalTitle: string; dueAt: string }[];
  sittings: { sessionId: string; title: string; state: string }[];
  minorityOpinions: { pollId: string; myChoice: string | null; outcome: string; until: string; opinions: number; filed: boolean }[];
  petitionModeration: { councilId: string; waiting: number; oldestAt: string }[];
  acknowledgements: { pollId: string; councilId: string; question: string; waiting: number; oldestAt: string }[];
}

describe('GET /me/agenda', () => {
  let t: TestApp;
  let g: GroupCouncil;
  const window = { from: new Date(Date.now() - HOUR).toISOString(), to: new Date(Date.now() + 6 * HOUR).toISOString() };
  const ids: Record<string, string> = {};

  const agenda = async (by: Session, query: Record<string, string> = window): Promise<Agenda> => {
    const res = await t.http().get(`${API}/me/agenda`).query(query).set(bearer(by));
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestApp();
    g = await groupCouncil(t, 5); // voters: coordinator + 5 members; a 48-hour window
    // An open named poll in which voter 1 has voted, and an open secret one in which voter 2 has.
    ids.named = (await createPoll(t, g.coordinator, g.groupId, MAJORITY)).id;
    await openPoll(t, g.coordinator, ids.named);
    await vote(t, g.voters[1], ids.named, 'for');
    ids.secret = (await createPoll(t, g.coordinator, g.groupId, MAJORITY, { secret: true })).id;
    await openPoll(t, g.coordinator, ids.secret);
    await vote(t, g.voters[2], ids.secret, 'against');
    // A closed poll adopted 3 to 2: voters 3 and 4 against (the minority), voter 5 did not vote.
    ids.closed = (await runPoll(t, g.coordinator, g.groupId, g.voters, MAJORITY, ['for', 'for', 'for', 'against', 'against', undefined])).id;
    // Two consultations of the agency: due in a week, due tomorrow.
    const p1 = await createProposal(t, g.voters[0], g.groupId, { title: 'Рабочая неделя' });
    const p2 = await createProposal(t, g.voters[0], g.groupId, { title: 'Тіл саясаты' });
    ids.week = (await openConsultation(t, g.coordinator, p1.id, [g.agency.id]))[0].id;
    ids.tomorrow = (await openConsultation(t, g.coordinator, p2.id, [g.agency.id], { dueAt: new Date(Date.now() + 24 * HOUR).toISOString() }))[0].id;
    // Sittings: one in two hours (non-public), one public in three hours, one next week.
    ids.soon = (await createSession(t, g.chair, g.council.id, { title: 'Soon', scheduledAt: new Date(Date.now() + 2 * HOUR).toISOString() })).id;
    ids.public = (await createSession(t, g.chair, g.council.id, { title: 'Public', public: true, scheduledAt: new Date(Date.now() + 3 * HOUR).toISOString() })).id;
    ids.later = (await createSession(t, g.chair, g.council.id, { title: 'Later', scheduledAt: new Date(Date.now() + 7 * 24 * HOUR).toISOString() })).id;
  });
  afterAll(() => t.close());

  it('lists the open polls a voter may vote in, with whether they have', async () => {
    const v0 = await agenda(g.voters[0]);
    expect(v0.polls.map((p) => [p.pollId, p.voted])).toEqual([
      [ids.named, false],
      [ids.secret, false],
    ]);
    expect(v0.polls[0]).toMatchObject({ councilId: g.council.id, secret: false, question: expect.stringContaining('?') });
    expect((await agenda(g.voters[1])).polls.map((p) => [p.pollId, p.voted])).toEqual([
      [ids.named, true],
      [ids.secret, false],
    ]);
    // A secret poll still tells the voter themselves that their ballot is in.
    expect((await agenda(g.voters[2])).polls.find((p) => p.pollId === ids.secret)?.voted).toBe(true);
  });

  it('shows nobody the polls they are not eligible in', async () => {
    for (const who of [g.otherMember, g.chair, g.agencyRep, g.observer, g.outsider]) expect((await agenda(who)).polls).toEqual([]);
  });

  it("gives an agency representative their agency's unanswered consultations, soonest first, with urgency", async () => {
    const rep = await agenda(g.agencyRep);
    expect(rep.consultations.map((c) => [c.consultationId, c.urgency, c.proposalTitle])).toEqual([
      [ids.tomorrow, 'due_soon', 'Тіл саясаты'],
      [ids.week, 'open', 'Рабочая неделя'],
    ]);
    await t.db.query(`UPDATE consultations SET due_at = now() - interval '1 hour' WHERE id = $1`, [ids.week]);
    expect((await agenda(g.agencyRep)).consultations.map((c) => [c.consultationId, c.urgency])).toEqual([
      [ids.week, 'overdue'],
      [ids.tomorrow, 'due_soon'],
    ]);
  });

  it('gives consultations to nobody but the agency’s representatives', async () => {
    for (const who of [g.voters[0], g.coordinator, g.secretariat, g.chair, g.outsider]) expect((await agenda(who)).consultations).toEqual([]);
  });

  it("lists the day's sittings of the caller's councils; an observer only the public ones; an outsider none", async () => {
    expect((await agenda(g.voters[0])).sittings.map((s) => s.sessionId)).toEqual([ids.soon, ids.public]);
    expect((await agenda(g.observer)).sittings.map((s) => s.sessionId)).toEqual([ids.public]);
    expect((await agenda(g.outsider)).sittings).toEqual([]);
    const nextWeek = { from: new Date(Date.now() + 6 * 24 * HOUR).toISOString(), to: new Date(Date.now() + 8 * 24 * HOUR).toISOString() };
    expect((await agenda(g.voters[0], nextWeek)).sittings.map((s) => s.title)).toEqual(['Later']);
  });

  it('offers a minority opinion to the voters in the minority only, while the window is open', async () => {
    const minority = (await agenda(g.voters[3])).minorityOpinions;
    expect(minority).toEqual([expect.objectContaining({ pollId: ids.closed, myChoice: 'against', outcome: 'adopted', opinions: 0, filed: false })]);
    expect(new Date(minority[0].until).getTime()).toBeGreaterThan(Date.now() + 47 * HOUR);
    for (const who of [g.voters[0], g.voters[2], g.voters[5], g.otherMember, g.outsider]) expect((await agenda(who)).minorityOpinions).toEqual([]);
    const file = (by: Session) => t.http().post(`${API}/polls/${ids.closed}/minority-opinions`).set(bearer(by)).send({ body: 'Too costly.' });
    expect((await file(g.voters[3])).status).toBe(201);
    // Voter 3 filed the only opinion: nothing left for them; voter 4 may still file or co-sign.
    expect((await agenda(g.voters[3])).minorityOpinions).toEqual([]);
    expect((await agenda(g.voters[4])).minorityOpinions).toEqual([expect.objectContaining({ pollId: ids.closed, opinions: 1, filed: false })]);
    expect((await file(g.voters[4])).status).toBe(201);
    expect((await agenda(g.voters[3])).minorityOpinions).toEqual([expect.objectContaining({ pollId: ids.closed, opinions: 2, filed: true })]);
    await t.db.transaction(async (em) => {
      await em.query(`SET LOCAL session_replication_role = replica`);
      await em.query(`UPDATE polls SET closed_at = closed_at - interval '49 hours' WHERE id = $1`, [ids.closed]);
    });
    expect((await agenda(g.voters[3])).minorityOpinions).toEqual([]);
    expect((await agenda(g.voters[4])).minorityOpinions).toEqual([]);
  });

  it("gives the secretariat, and nobody else, its council's petitions to moderate and minority opinions to acknowledge", async () => {
    // The two opinions filed above wait for acknowledgement (the window has no bearing on that).
    const nobody = [g.voters[0], g.voters[3], g.coordinator, g.chair, g.moderator, g.observer, g.agencyRep, g.otherMember, g.outsider];
    expect((await agenda(g.secretariat)).acknowledgements).toEqual([expect.objectContaining({ pollId: ids.closed, councilId: g.council.id, waiting: 2, question: expect.stringContaining('?') })]);
    for (const who of nobody) expect((await agenda(who)).acknowledgements).toEqual([]);
    const opinions = await t.http().get(`${API}/polls/${ids.closed}/minority-opinions`).set(bearer(g.secretariat)).expect(200);
    await t.http().post(`${API}/minority-opinions/${opinions.body.items[0].id}/acknowledgement`).set(bearer(g.secretariat)).send({ note: 'Recorded.' }).expect(200);
    expect((await agenda(g.secretariat)).acknowledgements).toEqual([expect.objectContaining({ pollId: ids.closed, waiting: 1 })]);

    expect((await agenda(g.secretariat)).petitionModeration).toEqual([]);
    await enablePetitions(t, g.secretariat, g.council.id, { agendaThreshold: 10, workingGroupId: g.groupId });
    const submit = (title: string) =>
      t.http().post(`${API}/councils/${g.council.id}/petitions`).send({ title, summary: 'More benches in parks.', body: 'Every park gets ten benches.', authorName: 'Aigerim Nurlanova', authorEmail: 'aigerim.author@example.kz' }).expect(201);
    const first = await submit('Benches in parks');
    await submit('Shade in playgrounds');
    const queue = (await agenda(g.secretariat)).petitionModeration;
    expect(queue).toEqual([{ councilId: g.council.id, waiting: 2, oldestAt: first.body.createdAt }]);
    for (const who of nobody) expect((await agenda(who)).petitionModeration).toEqual([]);
    await t.http().post(`${API}/petitions/${first.body.id}/moderation`).set(bearer(g.secretariat)).send({ decision: 'publish' }).expect(200);
    expect((await agenda(g.secretariat)).petitionModeration).toEqual([expect.objectContaining({ waiting: 1 })]);
  });

  it('refuses without a token (401), and a bad day (400 naming the field)', async () => {
    expectProblem(await t.http().get(`${API}/me/agenda`), 401);
    const bad = (query: Record<string, string>) => t.http().get(`${API}/me/agenda`).query(query).set(bearer(g.voters[0]));
    expectProblem(await bad({ from: 'yesterday' }), 400, ['from']);
    expectProblem(await bad({ from: window.to, to: window.from }), 400, ['to']);
    expectProblem(await bad({ from: window.from, to: new Date(Date.now() + 9 * 24 * HOUR).toISOString() }), 400, ['to']);
    expectProblem(await bad({ councilId: g.council.id }), 400, ['councilId']);
  });
});
