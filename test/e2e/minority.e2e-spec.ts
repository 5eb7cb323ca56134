import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer, Session } from '../support/factories';
import { expectProblem, ISO_INSTANT } from '../support/problems';
import { createPoll, getJson, GroupCouncil, groupCouncil, Member, openPoll, proposalInDeliberation, proposalStatus, runPoll, voteAll } from '../support/poll-factories';

const MAJORITY = { method: 'majority', base: 'cast' };
const TIE = { ...MAJORITY, tie: 'chair_decides' };

interface TraceEntry {
  at: string;
  kind: string;
  summary: string;
  ref: { type: string; id: string };
}

describe('minority opinions', () => {
  let t: TestApp;
  let g: GroupCouncil;

  beforeAll(async () => {
    t = await startTestApp();
    g = await groupCouncil(t, 4); // 5 voters, a 48-hour window
  });
  afterAll(() => t.close());

  const file = (by: Session, pollId: string, body: Record<string, unknown> = { body: 'We see it otherwise.' }) =>
    t.http().post(`${API}/polls/${pollId}/minority-opinions`).set(bearer(by)).send(body);
  const sign = (by: Session, opinionId: string, body: Record<string, unknown> = {}) =>
    t.http().post(`${API}/minority-opinions/${opinionId}/signatures`).set(bearer(by)).send(body);
  const acknowledge = (by: Session, opinionId: string, body: Record<string, unknown> = { note: 'Heard; to be put before the plenary.' }) =>
    t.http().post(`${API}/minority-opinions/${opinionId}/acknowledgement`).set(bearer(by)).send(body);
  const casting = (by: Session, pollId: string, outcome: string) => t.http().post(`${API}/polls/${pollId}/casting-decision`).set(bearer(by)).send({ outcome });
  const trace = async (proposalId: string): Promise<TraceEntry[]> => (await getJson(t, g.chair, `/proposals/${proposalId}/trace`).query({ limit: 200 })).body.items;
  /** Time travel for the window: a closed poll is sealed, so the test lifts the triggers for this one statement (superuser only). */
  const moveClosedBack = (pollId: string, hours: number) =>
    t.db.transaction(async (em) => {
      await em.query(`SET LOCAL session_replication_role = replica`);
      await em.query(`UPDATE polls SET closed_at = closed_at - make_interval(hours => $2) WHERE id = $1`, [pollId, hours]);
    });

  describe('on an adopted named poll', () => {
    // for: voters 0, 1, 2; against: voter 3; abstain: voter 4 → adopted, 3 of 4 cast.
    let pollId: string;
    let proposalId: string;
    let opinionId: string;

    beforeAll(async () => {
      proposalId = (await proposalInDeliberation(t, g.members[0], g.groupId)).id;
      const poll = await createPoll(t, g.coordinator, g.groupId, MAJORITY, { proposalId });
      pollId = poll.id;
      await openPoll(t, g.coordinator, pollId);
      await voteAll(t, g.voters, pollId, ['for', 'for', 'for', 'against', 'abstain']);
    });

    it('waits for the poll to close (409; a non-voter is 403 first)', async () => {
      expectProblem(await file(g.voters[3], pollId), 409);
      expectProblem(await file(g.otherMember, pollId), 403);
      const closed = await t.http().post(`${API}/polls/${pollId}/close`).set(bearer(g.coordinator));
      expect(closed.body).toMatchObject({ status: 'closed', tally: { outcome: 'adopted' }, minorityOpinionsUntil: expect.stringMatching(ISO_INSTANT) });
      expect(new Date(closed.body.minorityOpinionsUntil).getTime() - new Date(closed.body.closedAt).getTime()).toBe(48 * 3600 * 1000);
      expect(await proposalStatus(t, proposalId)).toBe('recommended');
    });

    it('lets a voter against file (201) and refuses the majority (403) and non-voters', async () => {
      expectProblem(await file(g.voters[0], pollId), 403);
      expectProblem(await file(g.otherMember, pollId), 403);
      expectProblem(await file(g.chair, pollId), 403);
      expectProblem(await file(g.outsider, pollId), 404);
      expectProblem(await file(g.voters[3], randomUUID()), 404);
      const res = await file(g.voters[3], pollId, { body: 'The cost is not covered.' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        pollId,
        authorMembershipId: g.voters[3].membershipId,
        authorName: expect.stringContaining('voter'),
        position: 'against',
        body: 'The cost is not covered.',
        signatures: [],
        acknowledgement: null,
        frozen: false,
        createdAt: expect.stringMatching(ISO_INSTANT),
      });
      opinionId = res.body.id;
    });

    it('refuses a malformed opinion (400 naming the field)', async () => {
      expectProblem(await file(g.voters[3], pollId, { body: '' }), 400, ['body']);
      expectProblem(await file(g.voters[3], pollId, {}), 400, ['body']);
      expectProblem(await file(g.voters[3], pollId, { body: 'x', stance: 'firm' }), 400, ['stance']);
      expectProblem(await file(g.voters[3], 'nope', { body: 'x' }), 400, ['pollId']);
    });

    it('takes co-signatures from the minority once each (abstaining counts as not for)', async () => {
      const res = await sign(g.voters[4], opinionId);
      expect(res.status).toBe(201);
      expect(res.body.signatures).toEqual([
        { id: expect.any(String), membershipId: g.voters[4].membershipId, fullName: expect.any(String), position: 'abstain', createdAt: expect.stringMatching(ISO_INSTANT) },
      ]);
      expectProblem(await sign(g.voters[4], opinionId), 409);
      expectProblem(await sign(g.voters[3], opinionId), 409); // the author stands behind it already
      expectProblem(await sign(g.voters[1], opinionId), 403);
      expectProblem(await sign(g.otherMember, opinionId), 403);
      expectProblem(await sign(g.outsider, opinionId), 404);
      expectProblem(await sign(g.voters[4], randomUUID()), 404);
      const list = await getJson(t, g.observer, `/polls/${pollId}/minority-opinions`);
      expect(list.body).toEqual({ items: [expect.objectContaining({ id: opinionId, signatures: [expect.objectContaining({ membershipId: g.voters[4].membershipId })] })], nextCursor: null });
    });

    it('is acknowledged once, by the chair or the secretariat', async () => {
      expectProblem(await acknowledge(g.voters[3], opinionId), 403);
      expectProblem(await acknowledge(g.coordinator, opinionId), 403);
      expectProblem(await acknowledge(g.outsider, opinionId), 404);
      expectProblem(await acknowledge(g.chair, opinionId, {}), 400, ['note']);
      const res = await acknowledge(g.chair, opinionId);
      expect(res.status).toBe(200);
      expect(res.body.acknowledgement).toEqual({ at: expect.stringMatching(ISO_INSTANT), byUserId: g.chair.userId, note: 'Heard; to be put before the plenary.' });
      expectProblem(await acknowledge(g.secretariat, opinionId), 409);
    });

    it("travels with the proposal: its trace lists poll_closed, the move and minority_opinion in order", async () => {
      const entries = await trace(proposalId);
      const kinds = entries.map((e) => e.kind);
      expect(kinds).toEqual(expect.arrayContaining(['created', 'transition', 'poll_closed', 'minority_opinion']));
      const closed = entries.find((e) => e.kind === 'poll_closed') as TraceEntry;
      expect(closed.ref).toEqual({ type: 'poll', id: pollId });
      expect(closed.summary).toContain('Adopted: 3 for of 4 cast');
      const opinion = entries.find((e) => e.kind === 'minority_opinion') as TraceEntry;
      expect(opinion.ref).toEqual({ type: 'minority_opinion', id: opinionId });
      expect(kinds.indexOf('poll_closed')).toBeLessThan(kinds.indexOf('minority_opinion'));
      expect(entries.some((e) => e.kind === 'transition' && e.summary.startsWith('in_deliberation → recommended'))).toBe(true);
    });

    it('takes one opinion per voter: a second by the same voter is 409, and the database holds it so', async () => {
      const again = await file(g.voters[3], pollId, { body: 'And once more.' });
      expectProblem(again, 409);
      await expect(
        t.db.query(`INSERT INTO minority_opinions (poll_id, author_membership_id, position, body) VALUES ($1, $2, 'against', 'behind the API')`, [pollId, g.voters[3].membershipId]),
      ).rejects.toThrow(/uq_minority_opinions_author/);
    });

    it('freezes once the window has passed: no filing or signing (409), frozen: true, still acknowledged', async () => {
      await moveClosedBack(pollId, 47);
      const second = await file(g.voters[4], pollId, { body: 'Another view, within the window.' });
      expect(second.status).toBe(201);
      await moveClosedBack(pollId, 2);
      const late = await file(g.voters[4], pollId);
      expectProblem(late, 409);
      expect(late.body.detail).toMatch(/window/);
      const lateSign = await sign(g.voters[3], second.body.id);
      expectProblem(lateSign, 409);
      expect(lateSign.body.detail).toMatch(/window/);
      const list = await getJson(t, g.chair, `/polls/${pollId}/minority-opinions`);
      expect(list.body.items).toHaveLength(2);
      expect(list.body.items.map((o: { frozen: boolean }) => o.frozen)).toEqual([true, true]);
      expect((await acknowledge(g.secretariat, second.body.id)).status).toBe(200);
    });

    it('pages the list like every list: ?limit and nextCursor in filing order; limit above 200 or a bad cursor is 400', async () => {
      const all = (await getJson(t, g.chair, `/polls/${pollId}/minority-opinions`)).body.items.map((o: { id: string }) => o.id);
      expect(all).toHaveLength(2);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await getJson(t, g.observer, `/polls/${pollId}/minority-opinions`).query({
          limit: 1,
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...res.body.items.map((o) => o.id));
        cursor = res.body.nextCursor;
        if (cursor) expect(res.body.items).toHaveLength(1);
      } while (cursor);
      expect(seen).toEqual(all);
      expectProblem(await getJson(t, g.chair, `/polls/${pollId}/minority-opinions`).query({ limit: 201 }), 400, ['limit']);
      expectProblem(await getJson(t, g.chair, `/polls/${pollId}/minority-opinions`).query({ cursor: 'garbage' }), 400, ['cursor']);
    });

    it('records each step in the audit chain, which still verifies', async () => {
      const entries: { action: string; objectId: string }[] = [];
      for (let cursor: string | null = null, first = true; first || cursor; first = false) {
        const page = await getJson(t, g.secretariat, `/councils/${g.council.id}/audit`).query(cursor ? { limit: 200, cursor } : { limit: 200 });
        entries.push(...page.body.items);
        cursor = page.body.nextCursor;
      }
      const mine = entries.filter((e) => e.objectId === opinionId).map((e) => e.action);
      expect(mine).toEqual(['minority_opinion.filed', 'minority_opinion.signed', 'minority_opinion.acknowledged']);
      expect((await getJson(t, g.secretariat, `/councils/${g.council.id}/audit/verify`)).body).toMatchObject({ ok: true });
    });
  });

  describe('rejected and inquorate polls', () => {
    it('gives a rejected poll a minority of its for ballots', async () => {
      const poll = await runPoll(t, g.coordinator, g.groupId, g.voters, MAJORITY, ['for', 'against', 'against', 'abstain']);
      expect(poll.tally).toMatchObject({ outcome: 'rejected' });
      expectProblem(await file(g.voters[1], poll.id), 403);
      expectProblem(await file(g.voters[3], poll.id), 403);
      expect((await file(g.voters[0], poll.id)).body).toMatchObject({ position: 'for' });
    });

    it('hears a voter whose term ended after the poll opened (voters are fixed at opening); no one else outside the council', async () => {
      const poll = await runPoll(t, g.coordinator, g.groupId, g.voters, MAJORITY, ['for', 'for', 'against', 'against', 'for']);
      expect(poll.tally).toMatchObject({ outcome: 'adopted' });
      const [former, cosigner] = [g.voters[2], g.voters[3]];
      await t.db.query(`UPDATE memberships SET ends_on = CURRENT_DATE - 1 WHERE id = ANY($1::uuid[])`, [[former.membershipId, cosigner.membershipId]]);
      try {
        const filed = await file(former, poll.id);
        expect(filed.status).toBe(201);
        expect(filed.body).toMatchObject({ authorMembershipId: former.membershipId, position: 'against' });
        expect((await sign(cosigner, filed.body.id)).status).toBe(201);
        expectProblem(await file(g.outsider, poll.id), 404);
        expectProblem(await sign(g.outsider, filed.body.id), 404);
      } finally {
        await t.db.query(`UPDATE memberships SET ends_on = NULL WHERE id = ANY($1::uuid[])`, [[former.membershipId, cosigner.membershipId]]);
      }
    });

    it('gives a no_quorum poll no minority at all (409)', async () => {
      const poll = await runPoll(t, g.coordinator, g.groupId, g.voters, { ...MAJORITY, quorum: { count: 4 } }, ['for', 'against']);
      expect(poll.tally).toMatchObject({ outcome: 'no_quorum' });
      for (const v of g.voters.slice(0, 2)) expectProblem(await file(v, poll.id), 409);
      expectProblem(await file(g.otherMember, poll.id), 403);
    });
  });

  describe('a tie and the chair’s casting decision', () => {
    it('keeps the proposal until the chair decides; then the minority exists and the proposal moves', async () => {
      const proposalId = (await proposalInDeliberation(t, g.members[1], g.groupId)).id;
      const poll = await runPoll(t, g.coordinator, g.groupId, g.voters, TIE, ['for', 'against', 'abstain'], { proposalId });
      expect(poll.tally).toMatchObject({ outcome: 'tied', castingDecision: null });
      expect(await proposalStatus(t, proposalId)).toBe('in_deliberation');
      expectProblem(await file(g.voters[1], poll.id), 409);
      for (const who of [g.voters[0], g.coordinator, g.secretariat, g.moderator, g.admin]) expectProblem(await casting(who, poll.id, 'adopted'), 403);
      expectProblem(await casting(g.outsider, poll.id, 'adopted'), 404);
      expectProblem(await casting(g.chair, poll.id, 'tied'), 400, ['outcome']);
      const decided = await casting(g.chair, poll.id, 'adopted');
      expect(decided.status).toBe(200);
      expect(decided.body.tally).toMatchObject({ outcome: 'adopted', castingDecision: 'adopted', counts: { for: 1, against: 1, abstain: 1 } });
      expect(decided.body.tally.explanation).toMatch(/^Adopted by the chair's casting decision: 1 for of 2 cast .*\(for and against are equal\)/);
      expect((await getJson(t, g.chair, `/polls/${poll.id}/tally`).query({ lang: 'ru' })).body.explanation).toMatch(/^Принято решающим голосом председателя/);
      expect(await proposalStatus(t, proposalId)).toBe('recommended');
      expectProblem(await casting(g.chair, poll.id, 'rejected'), 409);
      expectProblem(await file(g.voters[0], poll.id), 403);
      const opinion = await file(g.voters[1], poll.id);
      expect(opinion.body).toMatchObject({ position: 'against' });
      expect((await sign(g.voters[2], opinion.body.id)).body.signatures).toHaveLength(1);
      const kinds = (await trace(proposalId)).map((e) => e.kind);
      expect(kinds.filter((k) => k === 'poll_closed').length).toBeGreaterThanOrEqual(1);
      expect(kinds.lastIndexOf('minority_opinion')).toBeGreaterThan(kinds.lastIndexOf('poll_closed'));
    });

    it('moves the proposal to not_recommended on a casting decision to reject; the for voter is the minority', async () => {
      const proposalId = (await proposalInDeliberation(t, g.members[2], g.groupId)).id;
      const poll = await runPoll(t, g.coordinator, g.groupId, g.voters, TIE, ['for', 'for', 'against', 'against'], { proposalId });
      expect((await casting(g.chair, poll.id, 'rejected')).body.tally).toMatchObject({ outcome: 'rejected', castingDecision: 'rejected' });
      expect(await proposalStatus(t, proposalId)).toBe('not_recommended');
      expectProblem(await file(g.voters[2], poll.id), 403);
      expect((await file(g.voters[0], poll.id)).status).toBe(201);
    });

    it('refuses a casting decision on a poll that is open or not tied (409)', async () => {
      const open = await createPoll(t, g.coordinator, g.groupId, TIE);
      await openPoll(t, g.coordinator, open.id);
      await voteAll(t, g.voters, open.id, ['for', 'against']);
      expectProblem(await casting(g.chair, open.id, 'adopted'), 409);
      const clear = await runPoll(t, g.coordinator, g.groupId, g.voters, TIE, ['for', 'for', 'against']);
      expectProblem(await casting(g.chair, clear.id, 'rejected'), 409);
      expect((await getJson(t, g.chair, `/polls/${clear.id}/tally`)).body).toMatchObject({ outcome: 'adopted', castingDecision: null });
    });
  });

  it('is reachable only inside the council', async () => {
    const poll = await runPoll(t, g.coordinator, g.groupId, g.voters, MAJORITY, ['for', 'against']);
    expectProblem(await getJson(t, g.outsider, `/polls/${poll.id}/minority-opinions`), 404);
    expectProblem(await t.http().get(`${API}/polls/${poll.id}/minority-opinions`), 401);
    expect((await getJson(t, g.agencyRep as Member, `/polls/${poll.id}/minority-opinions`)).body).toEqual({ items: [], nextCursor: null });
  });
});
