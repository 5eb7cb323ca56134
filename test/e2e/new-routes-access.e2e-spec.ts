import { startTestApp, TestApp } from '../support/test-app';
import { addMembership, API, bearer, createAgency, createCouncil, createMember, createProposal, createUser, openConsultation, Session } from '../support/factories';
import { isoDay } from '../support/dates';
import { expectProblem } from '../support/problems';
import { GroupCouncil, groupCouncil, runPoll } from '../support/poll-factories';

const MAJORITY_CAST = { method: 'majority', base: 'cast' };

/**
 * Negative authorization and leak checks of the routes added for the web app:
 * GET /me/agenda (only the caller's own, nothing about anyone else's ballot)
 * and GET /plan-items/:itemId/updates (the item's council only).
 */
describe('new routes: per-object access and leaks', () => {
  let t: TestApp;
  let g: GroupCouncil;
  const ids: Record<string, string> = {};
  let otherAgencyRep: Session;
  let formerRep: Session;
  let otherCouncilSecretariat: Session;
  let otherCouncilRepSameCode: Session;

  const agenda = async (by: Session) => {
    const res = await t.http().get(`${API}/me/agenda`).set(bearer(by));
    expect(res.status).toBe(200);
    return res.body as { polls: { pollId: string; voted: boolean }[]; consultations: { consultationId: string }[]; sittings: unknown[]; minorityOpinions: { pollId: string; myChoice: string | null; secret: boolean }[] };
  };
  const history = (by: Session | null, itemId: string) => {
    const req = t.http().get(`${API}/plan-items/${itemId}/updates`);
    return by ? req.set(bearer(by)) : req;
  };

  beforeAll(async () => {
    t = await startTestApp();
    g = await groupCouncil(t, 5);
    // A closed secret poll adopted 3 to 2; voter 5 did not take part.
    ids.secret = (await runPoll(t, g.coordinator, g.groupId, g.voters, MAJORITY_CAST, ['for', 'for', 'for', 'against', 'against', undefined], { secret: true })).id;
    // A closed named poll adopted 3 to 2: voters 0..2 in the majority.
    ids.named = (await runPoll(t, g.coordinator, g.groupId, g.voters, MAJORITY_CAST, ['for', 'for', 'for', 'against', 'against', undefined])).id;
    // A consultation of the council's agency.
    const p = await createProposal(t, g.voters[0], g.groupId, { title: 'Consulted' });
    ids.consultation = (await openConsultation(t, g.coordinator, p.id, [g.agency.id]))[0].id;
    // The representative of another agency of the same council; a representative of the agency whose term ended.
    const secondAgency = await createAgency(t, g.admin, g.council.id);
    otherAgencyRep = await createMember(t, g.admin, g.council.id, 'rep of another agency', ['agency_rep'], secondAgency.id);
    const former = await createUser(t, g.admin, 'former rep');
    await addMembership(t, g.admin, g.council.id, former.userId, { roles: ['agency_rep'], agencyId: g.agency.id, startsOn: '2020-01-01', endsOn: isoDay(-2) });
    formerRep = former;
    // Another council: its secretariat, and its own agency's representative.
    const other = await createCouncil(t, g.admin);
    otherCouncilSecretariat = await createMember(t, g.admin, other.id, 'other secretariat', ['secretariat']);
    const otherAgency = await createAgency(t, g.admin, other.id);
    otherCouncilRepSameCode = await createMember(t, g.admin, other.id, 'other council rep', ['agency_rep'], otherAgency.id);
    // A plan item of this council with one update.
    const plan = await t.http().post(`${API}/councils/${g.council.id}/plans`).set(bearer(g.secretariat)).send({ title: 'Plan' });
    expect(plan.status).toBe(201);
    const supported = await createProposal(t, g.voters[0], g.groupId, { title: 'Supported' });
    await t.db.query(`UPDATE proposals SET status = 'supported' WHERE id = $1`, [supported.id]);
    const item = await t
      .http()
      .post(`${API}/plans/${plan.body.id}/items`)
      .set(bearer(g.secretariat))
      .send({ proposalId: supported.id, title: 'Act', responsibleAgencyId: g.agency.id, deliverable: 'decree', dueOn: isoDay(30) });
    expect(item.status).toBe(201);
    ids.item = item.body.id;
    const upd = await t.http().post(`${API}/plan-items/${ids.item}/updates`).set(bearer(g.agencyRep)).send({ stage: 'drafting', note: 'started' });
    expect(upd.status).toBe(201);
  });
  afterAll(() => t.close());

  describe('GET /me/agenda', () => {
    it('offers a secret poll’s minority opinion to every voter who took part, whatever they chose, and never their choice', async () => {
      // On a secret poll the offer cannot depend on the ballot (that would reveal it): the majority is offered too.
      for (const v of [0, 1, 2, 3, 4]) {
        const offered = (await agenda(g.voters[v])).minorityOpinions.filter((m) => m.pollId === ids.secret);
        expect(offered).toEqual([expect.objectContaining({ pollId: ids.secret, secret: true, myChoice: null })]);
      }
    });

    it('offers nothing of a secret poll to a voter who did not take part, nor to anyone not eligible', async () => {
      for (const who of [g.voters[5], g.otherMember, g.observer, g.chair, g.secretariat, g.agencyRep, g.outsider, otherCouncilSecretariat]) {
        expect((await agenda(who)).minorityOpinions.map((m) => m.pollId)).not.toContain(ids.secret);
      }
    });

    it('offers nothing of a named poll to its majority, its abstainer or anyone outside the group', async () => {
      for (const who of [g.voters[0], g.voters[1], g.voters[2], g.voters[5], g.otherMember, g.observer, g.outsider]) {
        expect((await agenda(who)).minorityOpinions.map((m) => m.pollId)).not.toContain(ids.named);
      }
      expect((await agenda(g.voters[3])).minorityOpinions.map((m) => m.pollId)).toContain(ids.named);
    });

    it('gives an agency’s consultations to no other agency’s representative, no former one, and no other council', async () => {
      expect((await agenda(g.agencyRep)).consultations.map((c) => c.consultationId)).toEqual([ids.consultation]);
      for (const who of [otherAgencyRep, formerRep, otherCouncilRepSameCode, otherCouncilSecretariat, g.observer]) {
        expect((await agenda(who)).consultations).toEqual([]);
      }
    });

    it('tells a former member and a member of another council nothing of this council', async () => {
      for (const who of [formerRep, otherCouncilSecretariat]) {
        const a = await agenda(who);
        expect({ polls: a.polls, sittings: a.sittings, minority: a.minorityOpinions, consultations: a.consultations }).toEqual({ polls: [], sittings: [], minority: [], consultations: [] });
      }
    });
  });

  describe('GET /plan-items/:itemId/updates', () => {
    it('answers 404 to another council’s secretariat and representative, a former member and an outsider; 401 without a token', async () => {
      for (const who of [otherCouncilSecretariat, otherCouncilRepSameCode, formerRep, g.outsider]) expectProblem(await history(who, ids.item), 404);
      expectProblem(await history(null, ids.item), 401);
    });

    it('is read council-wide (an observer, another agency’s representative), but only the responsible agency and the secretariat write', async () => {
      for (const who of [g.observer, otherAgencyRep, g.voters[0]]) expect((await history(who, ids.item)).status).toBe(200);
      for (const who of [g.observer, otherAgencyRep, g.voters[0], g.chair]) {
        expectProblem(await t.http().post(`${API}/plan-items/${ids.item}/updates`).set(bearer(who)).send({ stage: 'submitted', note: 'no' }), 403);
      }
      expectProblem(await t.http().post(`${API}/plan-items/${ids.item}/updates`).set(bearer(otherCouncilSecretariat)).send({ stage: 'submitted', note: 'no' }), 404);
      // Nothing was written by the refused calls.
      expect((await history(g.secretariat, ids.item)).body.items).toHaveLength(1);
    });
  });
});
