import { randomUUID } from 'node:crypto';
import { ConsultationsRepository } from '../../libs/proposals/src/consultations/consultations.repository';
import { startTestApp, TestApp } from '../support/test-app';
import { addToGroup, API, bearer, councilWithCast, createAgency, createGroup, createMember, createProposal, openConsultation, Session } from '../support/factories';
import { expectProblem, ISO_INSTANT } from '../support/problems';

type Cast = Awaited<ReturnType<typeof councilWithCast>>;
type Member = Session & { membershipId: string };
const MAJORITY = { method: 'majority', base: 'cast' };

/**
 * GET /proposals/:proposalId/polls and /consultations: whoever reads the
 * proposal lists them; each object only where its own GET answers the caller.
 */
describe("a proposal's polls and consultations", () => {
  let t: TestApp;
  let c: Cast;
  let groupId: string;
  let coordinator: Member;
  let author: Member;
  let voter: Member;
  let otherGroupMember: Member;
  let agencyB: { id: string };
  let repB: Member;
  let repC: Member;
  // The proposal in consultation: a closed, an open and a draft poll; consultations of the cast's agency (A) and of B.
  let proposalId: string;
  let pollIds: { closed: string; open: string; draft: string };
  let consultationA: string;
  let consultationB: string;

  const get = (by: Session | null, path: string, query: Record<string, string | number> = {}) => {
    const req = t.http().get(`${API}${path}`).query(query);
    return by ? req.set(bearer(by)) : req;
  };
  const call = async (method: 'post' | 'put', by: Session, path: string, status: number, body: object = {}) => {
    const res = await t.http()[method](`${API}${path}`).set(bearer(by)).send(body);
    expect({ path, status: res.status, body: res.body }).toMatchObject({ path, status });
    return res;
  };
  const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((x) => x.id);
  const groupPoll = async (question: string, pid: string) => (await call('post', coordinator, `/working-groups/${groupId}/polls`, 201, { question, proposalId: pid, secret: false, rule: MAJORITY })).body.id as string;

  beforeAll(async () => {
    t = await startTestApp();
    c = await councilWithCast(t);
    groupId = (await createGroup(t, c.admin, c.council.id)).id;
    [coordinator, author, voter, otherGroupMember] = await Promise.all(['coordinator', 'author', 'voter', 'other group'].map((n) => createMember(t, c.admin, c.council.id, n)));
    await addToGroup(t, c.admin, groupId, coordinator.membershipId, 'coordinator');
    for (const m of [author, voter]) await addToGroup(t, c.admin, groupId, m.membershipId);
    await addToGroup(t, c.admin, (await createGroup(t, c.admin, c.council.id)).id, otherGroupMember.membershipId);
    agencyB = await createAgency(t, c.admin, c.council.id);
    const agencyC = await createAgency(t, c.admin, c.council.id);
    repB = await createMember(t, c.admin, c.council.id, 'rep B', ['agency_rep'], agencyB.id);
    repC = await createMember(t, c.admin, c.council.id, 'rep C', ['agency_rep'], agencyC.id);

    const p = await createProposal(t, author, groupId);
    proposalId = p.id;
    const closed = await groupPoll('Is the problem real?', proposalId);
    await call('post', coordinator, `/polls/${closed}/open`, 200);
    await call('put', voter, `/polls/${closed}/ballot`, 200, { choice: 'for' });
    await call('post', coordinator, `/polls/${closed}/close`, 200);
    const open = await groupPoll('Do we support the text as it stands?', proposalId);
    await call('post', coordinator, `/polls/${open}/open`, 200);
    await call('put', voter, `/polls/${open}/ballot`, 200, { choice: 'against' });
    const draft = await groupPoll('Shall we ask the plenary?', proposalId);
    pollIds = { closed, open, draft };
    [consultationA] = (await openConsultation(t, c.cast.secretariat, proposalId, [c.agency.id])).map((x) => x.id);
    [consultationB] = (await openConsultation(t, coordinator, proposalId, [agencyB.id])).map((x) => x.id);
  });
  afterAll(() => t.close());

  describe('GET /proposals/:proposalId/polls', () => {
    it('lists every poll on the proposal, oldest first, each as GET /polls/:id shows it without its ballots; an open poll with its live counts', async () => {
      const res = await get(author, `/proposals/${proposalId}/polls`).expect(200);
      expect(ids(res)).toEqual([pollIds.closed, pollIds.open, pollIds.draft]);
      expect(res.body.nextCursor).toBeNull();
      const [closed, open, draft] = res.body.items;
      expect(open).toMatchObject({ id: pollIds.open, proposalId, workingGroupId: groupId, status: 'open', participation: 1, counts: { for: 0, against: 1, abstain: 0 }, tally: null, closedAt: null });
      expect(open.openedAt).toMatch(ISO_INSTANT);
      expect(draft).toMatchObject({ status: 'draft', eligibleCount: null, participation: null, counts: null, tally: null, openedAt: null });
      expect(closed).toMatchObject({ status: 'closed', participation: 1, tally: { outcome: 'adopted', counts: { for: 1 } } });
      for (const item of res.body.items) expect(item).not.toHaveProperty('ballots');
      // The same poll as GET /polls/:id tells it, but for the ballots.
      for (const item of res.body.items) {
        const { ballots, ...one } = (await get(author, `/polls/${item.id}`).expect(200)).body;
        expect({ ballots: ballots === null || Array.isArray(ballots) }).toEqual({ ballots: true });
        expect(item).toEqual(one);
      }
    });

    it("tells the closed polls' explanations in the language asked for (?lang, else Accept-Language)", async () => {
      const en = (await get(author, `/proposals/${proposalId}/polls`).expect(200)).body.items[0].tally.explanation;
      const ru = (await get(author, `/proposals/${proposalId}/polls`, { lang: 'ru' }).expect(200)).body.items[0].tally.explanation;
      const kk = (await get(author, `/proposals/${proposalId}/polls`).set('Accept-Language', 'kk').expect(200)).body.items[0].tally.explanation;
      expect(ru).toBe((await get(author, `/polls/${pollIds.closed}`, { lang: 'ru' }).expect(200)).body.tally.explanation);
      expect(new Set([en, ru, kk]).size).toBe(3);
    });

    it('pages with limit and cursor through the same polls', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await get(author, `/proposals/${proposalId}/polls`, cursor ? { limit: 1, cursor } : { limit: 1 }).expect(200);
        expect(res.body.items).toHaveLength(1);
        seen.push(...ids(res));
        cursor = res.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 5);
      expect(seen).toEqual([pollIds.closed, pollIds.open, pollIds.draft]);
    });

    it('lists them for everyone who reads the proposal: the secretariat, a member of another group, the consulted agencies', async () => {
      for (const who of [c.cast.secretariat, c.cast.chair, c.cast.moderator, otherGroupMember, c.cast.agency_rep, repB, c.admin]) {
        expect(ids(await get(who, `/proposals/${proposalId}/polls`).expect(200))).toEqual([pollIds.closed, pollIds.open, pollIds.draft]);
      }
    });

    it('answers 404 to whoever may not read the proposal: an outsider, an observer before the agenda, an agency not consulted; 404 for no such proposal', async () => {
      for (const who of [c.outsider, c.cast.observer, repC]) expectProblem(await get(who, `/proposals/${proposalId}/polls`), 404);
      expectProblem(await get(c.admin, `/proposals/${randomUUID()}/polls`), 404);
    });

    it('refuses a draft outside its group and the secretariat: 404 to a member of another group and to the agencies', async () => {
      const draft = await createProposal(t, author, groupId);
      await groupPoll('A draft question', draft.id);
      for (const who of [otherGroupMember, c.cast.agency_rep, c.cast.observer]) expectProblem(await get(who, `/proposals/${draft.id}/polls`), 404);
      expect((await get(c.cast.secretariat, `/proposals/${draft.id}/polls`).expect(200)).body.items).toHaveLength(1);
    });

    it('checks the request: 401 without a token, 400 for a path id that is not a UUID, a limit above 200, a bad cursor or language', async () => {
      expectProblem(await get(null, `/proposals/${proposalId}/polls`), 401);
      expectProblem(await get(author, '/proposals/not-a-uuid/polls'), 400, ['proposalId']);
      expectProblem(await get(author, `/proposals/${proposalId}/polls`, { limit: 201 }), 400, ['limit']);
      expectProblem(await get(author, `/proposals/${proposalId}/polls`, { cursor: 'garbage' }), 400, ['cursor']);
      // A cursor that decodes but does not name an instant and a poll is refused too, not handed to the database.
      const forged = Buffer.from(JSON.stringify(['yesterday', 'no-id']), 'utf8').toString('base64url');
      expectProblem(await get(author, `/proposals/${proposalId}/polls`, { cursor: forged }), 400, ['cursor']);
      expectProblem(await get(c.outsider, `/proposals/${proposalId}/consultations`, { cursor: forged }), 400, ['cursor']);
      expectProblem(await get(author, `/proposals/${proposalId}/polls`, { lang: 'fr' }), 400, ['lang']);
      // Malformed before out of reach: an outsider learns nothing more from a bad id.
      expectProblem(await get(c.outsider, '/proposals/not-a-uuid/polls'), 400, ['proposalId']);
    });
  });

  describe('GET /proposals/:proposalId/consultations', () => {
    // A's agency comments and an author replies; B's agency comments once.
    let commentA: string;
    let replyA: string;
    let commentB: string;
    const comment = async (by: Session, consultationId: string, body: object) => (await call('post', by, `/consultations/${consultationId}/comments`, 201, body)).body.id as string;

    beforeAll(async () => {
      commentA = await comment(c.cast.agency_rep, consultationA, { aspect: 'legal', position: 'objects', body: 'Agency A: the code must change first.', anchor: { version: 1, start: 0, end: 10 } });
      replyA = await comment(author, consultationA, { aspect: 'legal', body: 'We will amend the code as well.', replyTo: commentA });
      commentB = await comment(repB, consultationB, { aspect: 'economic', position: 'supports', body: 'Agency B: affordable.' });
    });

    it("lists every consultation, oldest first, with its status and final response, to the secretariat and the proposal's group", async () => {
      await call('post', repB, `/consultations/${consultationB}/response`, 200, { position: 'objects', body: 'Not in this form.' });
      for (const who of [c.cast.secretariat, author, coordinator, voter, c.admin]) {
        const res = await get(who, `/proposals/${proposalId}/consultations`).expect(200);
        expect(ids(res)).toEqual([consultationA, consultationB]);
        expect(res.body.nextCursor).toBeNull();
      }
      const [a, b] = (await get(author, `/proposals/${proposalId}/consultations`).expect(200)).body.items;
      expect(a).toMatchObject({ id: consultationA, proposalId, agencyId: c.agency.id, version: 1, aspects: ['legal', 'economic'], status: 'open', response: null, answeredAt: null });
      expect(b).toMatchObject({ id: consultationB, agencyId: agencyB.id, status: 'answered', response: { position: 'objects', body: 'Not in this form.', membershipId: repB.membershipId } });
      // Each as GET /consultations/:id tells it, its comments included.
      expect(a.comments.map((x: { id: string }) => x.id)).toEqual([commentA, replyA]);
      expect(b.comments.map((x: { id: string }) => x.id)).toEqual([commentB]);
      expect(b).toEqual((await get(author, `/consultations/${consultationB}`).expect(200)).body);
    });

    it('carries in each consultation exactly the comments GET /consultations/:id shows the same caller: the secretariat, the group, the authors, each agency its own', async () => {
      const callers: [string, Session, string[]][] = [
        ['secretariat', c.cast.secretariat, [consultationA, consultationB]],
        ['admin', c.admin, [consultationA, consultationB]],
        ['author', author, [consultationA, consultationB]],
        ['coordinator', coordinator, [consultationA, consultationB]],
        ['group member', voter, [consultationA, consultationB]],
        ["agency A's representative", c.cast.agency_rep, [consultationA]],
        ["agency B's representative", repB, [consultationB]],
      ];
      for (const [who, by, expected] of callers) {
        const items = (await get(by, `/proposals/${proposalId}/consultations`).expect(200)).body.items as { id: string; comments: unknown[] }[];
        expect({ who, ids: items.map((x) => x.id) }).toEqual({ who, ids: expected });
        for (const item of items) {
          const one = (await get(by, `/consultations/${item.id}`).expect(200)).body;
          expect({ who, item }).toEqual({ who, item: one });
        }
      }
      const [a] = (await get(c.cast.agency_rep, `/proposals/${proposalId}/consultations`).expect(200)).body.items;
      expect(a.comments).toEqual([
        expect.objectContaining({ id: commentA, consultationId: consultationA, authorKind: 'agency', position: 'objects', anchor: { version: 1, start: 0, end: 10 }, replyTo: null }),
        expect.objectContaining({ id: replyA, consultationId: consultationA, authorKind: 'author', position: null, replyTo: commentA, authorMembershipId: author.membershipId }),
      ]);
    });

    it("gives another agency's representative neither the consultation nor its comments, in the list or on its own", async () => {
      const ofB = await get(repB, `/proposals/${proposalId}/consultations`).expect(200);
      expect(JSON.stringify(ofB.body)).not.toMatch(new RegExp(`${consultationA}|${commentA}|${replyA}|Agency A:|amend the code`));
      expectProblem(await get(repB, `/consultations/${consultationA}`), 404);
      const ofA = await get(c.cast.agency_rep, `/proposals/${proposalId}/consultations`).expect(200);
      expect(JSON.stringify(ofA.body)).not.toMatch(new RegExp(`${consultationB}|${commentB}|Agency B:`));
      expectProblem(await get(c.cast.agency_rep, `/consultations/${consultationB}`), 404);
      // Those who read the proposal but no consultation get no comment either.
      for (const who of [otherGroupMember, c.cast.chair, c.cast.moderator]) expect((await get(who, `/proposals/${proposalId}/consultations`).expect(200)).body.items).toEqual([]);
    });

    it("reads the comments of a page's consultations in one statement, not one per consultation, and only those of the page", async () => {
      const q = await createProposal(t, author, groupId);
      const [first, second] = await openConsultation(t, c.cast.secretariat, q.id, [c.agency.id, agencyB.id]);
      const [third] = await openConsultation(t, c.cast.secretariat, q.id, [c.agency.id]);
      const byAgency = (x: { agencyId: string }) => (x.agencyId === c.agency.id ? c.cast.agency_rep : repB);
      for (const [k, x] of [first, first, second].entries()) await comment(byAgency(x), x.id, { aspect: 'legal', position: 'supports', body: `Remark ${k}` });
      const repo = t.app.get(ConsultationsRepository);
      const batched = jest.spyOn(repo, 'commentsOf');
      const single = jest.spyOn(repo, 'comments');
      try {
        const all = (await get(c.cast.secretariat, `/proposals/${q.id}/consultations`).expect(200)).body.items as { id: string; comments: { body: string }[] }[];
        const order = all.map((x) => x.id);
        expect(new Set(order)).toEqual(new Set([first.id, second.id, third.id]));
        const bodies = (id: string) => all.find((x) => x.id === id)!.comments.map((k) => k.body);
        expect([bodies(first.id), bodies(second.id), bodies(third.id)]).toEqual([['Remark 0', 'Remark 1'], ['Remark 2'], []]);
        expect(batched).toHaveBeenCalledTimes(1);
        expect(batched).toHaveBeenCalledWith(order);
        expect(single).not.toHaveBeenCalled();

        // A page of two: the comments of those two only, still in one statement.
        batched.mockClear();
        const page = (await get(c.cast.secretariat, `/proposals/${q.id}/consultations`, { limit: 2 }).expect(200)).body;
        expect(page.items.map((x: { id: string }) => x.id)).toEqual(order.slice(0, 2));
        expect(page.nextCursor).not.toBeNull();
        expect(batched).toHaveBeenCalledTimes(1);
        expect(batched).toHaveBeenCalledWith(order.slice(0, 2));
        expect(single).not.toHaveBeenCalled();
      } finally {
        batched.mockRestore();
        single.mockRestore();
      }
    });

    it("shows an agency's representative their own agency's consultation only (the other agency's is 404 on its own too)", async () => {
      expect(ids(await get(c.cast.agency_rep, `/proposals/${proposalId}/consultations`).expect(200))).toEqual([consultationA]);
      expectProblem(await get(c.cast.agency_rep, `/consultations/${consultationB}`), 404);
      expect(ids(await get(repB, `/proposals/${proposalId}/consultations`).expect(200))).toEqual([consultationB]);
      expectProblem(await get(repB, `/consultations/${consultationA}`), 404);
    });

    it('shows none to a member of another group, the chair or the moderator, who read the proposal but not its consultations (each 404 on its own)', async () => {
      for (const who of [otherGroupMember, c.cast.chair, c.cast.moderator]) {
        expect((await get(who, `/proposals/${proposalId}/consultations`).expect(200)).body).toEqual({ items: [], nextCursor: null });
        expectProblem(await get(who, `/consultations/${consultationA}`), 404);
      }
    });

    it('answers 404 to an outsider, an observer before the agenda and the representative of an agency not consulted', async () => {
      for (const who of [c.outsider, c.cast.observer, repC]) expectProblem(await get(who, `/proposals/${proposalId}/consultations`), 404);
      expectProblem(await get(c.cast.secretariat, `/proposals/${randomUUID()}/consultations`), 404);
    });

    it('pages with limit and cursor', async () => {
      const first = await get(c.cast.secretariat, `/proposals/${proposalId}/consultations`, { limit: 1 }).expect(200);
      expect(ids(first)).toEqual([consultationA]);
      const second = await get(c.cast.secretariat, `/proposals/${proposalId}/consultations`, { limit: 1, cursor: first.body.nextCursor }).expect(200);
      expect(ids(second)).toEqual([consultationB]);
      expect(second.body.nextCursor).toBeNull();
    });

    it('checks the request: 401 without a token, 400 for a path id that is not a UUID, a limit above 200, an unknown parameter', async () => {
      expectProblem(await get(null, `/proposals/${proposalId}/consultations`), 401);
      expectProblem(await get(c.cast.secretariat, '/proposals/1234/consultations'), 400, ['proposalId']);
      expectProblem(await get(c.cast.secretariat, `/proposals/${proposalId}/consultations`, { limit: 201 }), 400, ['limit']);
      expectProblem(await get(c.cast.secretariat, `/proposals/${proposalId}/consultations`, { status: 'open' }), 400, ['status']);
    });
  });

  describe('an observer, once the proposal is on the agenda', () => {
    it('lists its polls but none of its consultations', async () => {
      const p = await createProposal(t, author, groupId);
      await openConsultation(t, c.cast.secretariat, p.id, [c.agency.id]);
      await call('post', coordinator, `/proposals/${p.id}/transitions`, 200, { to: 'in_deliberation' });
      const poll = await groupPoll('Does the group recommend it?', p.id);
      await call('post', coordinator, `/polls/${poll}/open`, 200);
      await call('put', voter, `/polls/${poll}/ballot`, 200, { choice: 'for' });
      await call('post', coordinator, `/polls/${poll}/close`, 200);
      const session = await call('post', c.cast.moderator, `/councils/${c.council.id}/sessions`, 201, { kind: 'plenary', title: 'Third sitting', scheduledAt: new Date(Date.now() + 3_600_000).toISOString(), public: false });
      await call('post', c.cast.moderator, `/sessions/${session.body.id}/agenda-items`, 201, { title: 'The proposal', proposalId: p.id, speakerMembershipIds: [], minutes: 10 });
      expect((await get(c.cast.observer, `/proposals/${p.id}`).expect(200)).body.status).toBe('on_agenda');

      expect(ids(await get(c.cast.observer, `/proposals/${p.id}/polls`).expect(200))).toEqual([poll]);
      expect((await get(c.cast.observer, `/proposals/${p.id}/consultations`).expect(200)).body.items).toEqual([]);

      // Its trace records each line's facts as data, beside the English summary.
      const trace = (await get(c.cast.secretariat, `/proposals/${p.id}/trace`).expect(200)).body.items as { kind: string; summary: string; data: Record<string, unknown> | null }[];
      const data = (kind: string) => trace.filter((e) => e.kind === kind).map((e) => e.data);
      expect(data('created')).toEqual([{ origin: 'working_group', groupName: expect.any(String), title: p.title }]);
      expect(data('version')).toEqual([{ version: 1 }]);
      expect(data('consultation_opened')).toEqual([{ version: 1, agencyName: expect.any(String), aspects: ['legal', 'economic'], dueAt: expect.stringMatching(ISO_INSTANT) }]);
      expect(data('transition')).toEqual([
        { from: 'draft', to: 'in_consultation', cause: 'consultation_opened', reason: null },
        { from: 'in_consultation', to: 'in_deliberation', cause: null, reason: null },
        { from: 'in_deliberation', to: 'recommended', cause: 'group_poll_adopted', reason: 'group poll adopted' },
        { from: 'recommended', to: 'on_agenda', cause: 'put_on_agenda', reason: 'on the agenda of "Third sitting"' },
      ]);
      expect(data('poll_closed')).toEqual([{ question: 'Does the group recommend it?', outcome: 'adopted', castingDecision: null, counts: { for: 1, against: 0, abstain: 0, block: 0, stand_aside: 0 } }]);
      expect(data('agenda_item')).toEqual([{ sessionTitle: 'Third sitting', itemPosition: expect.any(Number) }]);
      expect(trace.every((e) => typeof e.summary === 'string' && e.summary.length > 0)).toBe(true);
    });
  });
});
