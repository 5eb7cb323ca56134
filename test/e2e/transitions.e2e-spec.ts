import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import {
  addToGroup,
  API,
  bearer,
  councilWithCast,
  createGroup,
  createMember,
  createProposal,
  openConsultation,
  ProposalBody,
  Session,
} from '../support/factories';
import { expectProblem } from '../support/problems';

type Cast = Awaited<ReturnType<typeof councilWithCast>>;
type Member = Session & { membershipId: string };
interface AuditEntry {
  action: string;
  objectId: string | null;
  actorUserId: string | null;
  summary: { before: { status: string } | null; after: { status: string } | null; details?: Record<string, unknown> };
}

describe('proposal transitions', () => {
  let t: TestApp;
  let c: Cast;
  let groupId: string;
  let coordinator: Member;
  let author: Member;
  let coAuthor: Member;
  let plain: Member;

  beforeAll(async () => {
    t = await startTestApp();
    c = await councilWithCast(t);
    groupId = (await createGroup(t, c.admin, c.council.id)).id;
    [coordinator, author, coAuthor, plain] = await Promise.all(['coordinator', 'author', 'co-author', 'plain'].map((n) => createMember(t, c.admin, c.council.id, n)));
    await addToGroup(t, c.admin, groupId, coordinator.membershipId, 'coordinator');
    for (const m of [author, coAuthor, plain]) await addToGroup(t, c.admin, groupId, m.membershipId);
  });
  afterAll(() => t.close());

  const draft = () => createProposal(t, author, groupId, { coAuthorMembershipIds: [coAuthor.membershipId] });
  const move = (by: Session | null, id: string, body: object) => {
    const req = t.http().post(`${API}/proposals/${id}/transitions`);
    return (by ? req.set(bearer(by)) : req).send(body);
  };
  const statusOf = async (id: string) => (await t.db.query('SELECT status FROM proposals WHERE id = $1', [id]))[0].status as string;
  /** Puts a proposal into a status no request reaches yet (polls and sessions do that). */
  const force = (id: string, status: string) => t.db.query('UPDATE proposals SET status = $2 WHERE id = $1', [id, status]);
  const expectNotAllowed = (res: Response, allowed: string[]) => {
    expectProblem(res, 409);
    expect([...res.body.allowed].sort()).toEqual([...allowed].sort());
  };

  describe('requestable moves', () => {
    it('lets a co-author move a draft to in_deliberation: 200 with the proposal', async () => {
      const p = await draft();
      const res = await move(coAuthor, p.id, { to: 'in_deliberation', reason: 'ready to discuss' });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { id: p.id, status: 'in_deliberation', version: 1 } });
      expect(await statusOf(p.id)).toBe('in_deliberation');
    });

    it("lets the group's coordinator move a draft to in_deliberation", async () => {
      const p = await draft();
      expect((await move(coordinator, p.id, { to: 'in_deliberation' })).body).toMatchObject({ status: 'in_deliberation' });
    });

    it('refuses a plain group member (403) and leaves the status', async () => {
      const p = await draft();
      expectProblem(await move(plain, p.id, { to: 'in_deliberation' }), 403);
      expect(await statusOf(p.id)).toBe('draft');
    });

    it('moves in_consultation and not_recommended back to in_deliberation on request', async () => {
      const p = await draft();
      await openConsultation(t, c.cast.secretariat, p.id, [c.agency.id]);
      expect(await statusOf(p.id)).toBe('in_consultation');
      expectProblem(await move(plain, p.id, { to: 'in_deliberation' }), 403);
      expect((await move(coordinator, p.id, { to: 'in_deliberation' }).expect(200)).body.status).toBe('in_deliberation');
      const q = await draft();
      await force(q.id, 'not_recommended');
      expect((await move(author, q.id, { to: 'in_deliberation' }).expect(200)).body.status).toBe('in_deliberation');
    });

    it.each(['draft', 'in_consultation', 'in_deliberation', 'recommended', 'not_recommended', 'deferred'])('lets a co-author withdraw it from %s', async (from) => {
      const p = await draft();
      await force(p.id, from);
      const res = await move(author, p.id, { to: 'withdrawn', reason: 'superseded' });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { status: 'withdrawn' } });
    });

    it('refuses the coordinator who is not a co-author a withdrawal (403)', async () => {
      const p = await draft();
      expectProblem(await move(coordinator, p.id, { to: 'withdrawn' }), 403);
      await force(p.id, 'in_deliberation');
      expectProblem(await move(coordinator, p.id, { to: 'withdrawn' }), 403);
      expect(await statusOf(p.id)).toBe('in_deliberation');
    });

    it('lets one of concurrent requests for one move win; the others get 409 with what they may request now', async () => {
      const p = await draft();
      const results = await Promise.all([author, coAuthor, author, coAuthor].map((by) => move(by, p.id, { to: 'in_deliberation' })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) expectNotAllowed(r, ['withdrawn']);
      const rows = await t.db.query('SELECT to_status FROM proposal_transitions WHERE proposal_id = $1', [p.id]);
      expect(rows).toEqual([{ to_status: 'in_deliberation' }]);
    });
  });

  describe('moves that are not allowed', () => {
    it.each([
      ['draft', 'recommended'],
      ['draft', 'implemented'],
      ['draft', 'in_consultation'],
      ['draft', 'draft'],
      ['draft', 'on_agenda'],
    ])('refuses %s → %s with 409 and what the co-author may request', async (from, to) => {
      const p = await draft();
      await force(p.id, from);
      expectNotAllowed(await move(author, p.id, { to }), ['in_deliberation', 'withdrawn']);
      expect(await statusOf(p.id)).toBe(from);
    });

    it('lists per caller: the coordinator may only deliberate a draft, nobody may request anything of a withdrawn one', async () => {
      const p = await draft();
      expectNotAllowed(await move(coordinator, p.id, { to: 'recommended' }), ['in_deliberation']);
      await force(p.id, 'in_deliberation');
      expectNotAllowed(await move(author, p.id, { to: 'draft' }), ['withdrawn']);
      expectNotAllowed(await move(coordinator, p.id, { to: 'draft' }), []);
      expectNotAllowed(await move(author, p.id, { to: 'recommended' }), ['withdrawn']);
      await force(p.id, 'withdrawn');
      expectNotAllowed(await move(author, p.id, { to: 'in_deliberation' }), []);
      await force(p.id, 'on_agenda');
      expectNotAllowed(await move(author, p.id, { to: 'withdrawn' }), []);
      await force(p.id, 'recommended');
      expectNotAllowed(await move(coAuthor, p.id, { to: 'on_agenda' }), ['withdrawn']);
    });

    it('answers 409 with allowed: [] to a reader without any capacity (state before role)', async () => {
      const p = await draft();
      for (const by of [plain, c.cast.secretariat, c.admin]) expectNotAllowed(await move(by, p.id, { to: 'recommended' }), []);
      await force(p.id, 'in_deliberation');
      expectNotAllowed(await move(c.cast.member, p.id, { to: 'supported' }), []);
      expectProblem(await move(c.cast.member, p.id, { to: 'withdrawn' }), 403);
    });

    it('answers 400 for an unknown status or a bad body, 404 out of reach, 401 without a token', async () => {
      const p = await draft();
      expectProblem(await move(author, p.id, { to: 'archived' }), 400, ['to']);
      expectProblem(await move(author, p.id, {}), 400, ['to']);
      expectProblem(await move(author, p.id, { to: 'withdrawn', extra: 1 }), 400, ['extra']);
      expectProblem(await move(author, p.id, { to: 'withdrawn', reason: 'r'.repeat(2001) }), 400, ['reason']);
      expectProblem(await move(c.outsider, p.id, { to: 'archived' }), 400, ['to']);
      expectProblem(await move(c.cast.member, p.id, { to: 'in_deliberation' }), 404);
      expectProblem(await move(c.outsider, p.id, { to: 'in_deliberation' }), 404);
      expectProblem(await move(author, randomUUID(), { to: 'in_deliberation' }), 404);
      expectProblem(await move(null, p.id, { to: 'in_deliberation' }), 401);
      expect(await statusOf(p.id)).toBe('draft');
    });
  });

  describe('editing across the cycle', () => {
    it('still takes edits in in_deliberation, refuses them once withdrawn or recommended (409)', async () => {
      const p = await draft();
      await move(author, p.id, { to: 'in_deliberation' }).expect(200);
      const put = (v: number) => t.http().put(`${API}/proposals/${p.id}`).set(bearer(author)).set('If-Match', `"${v}"`).send({ title: `T${v}`, summary: 's', body: 'b' });
      expect((await put(1)).status).toBe(200);
      await move(author, p.id, { to: 'withdrawn' }).expect(200);
      const res = await put(2);
      expectProblem(res, 409);
      expect(res.body.proposalStatus).toBe('withdrawn');
      const q = await draft();
      await force(q.id, 'recommended');
      expectProblem(await t.http().put(`${API}/proposals/${q.id}`).set(bearer(author)).set('If-Match', '"1"').send({ title: 'x', summary: 's', body: 'b' }), 409);
    });
  });

  describe('the record of a move', () => {
    let p: ProposalBody;
    beforeAll(async () => {
      p = await draft();
      await openConsultation(t, c.cast.secretariat, p.id, [c.agency.id]);
      await move(coordinator, p.id, { to: 'in_deliberation', reason: 'agency heard' }).expect(200);
      await t.http().put(`${API}/proposals/${p.id}`).set(bearer(coAuthor)).set('If-Match', '"1"').send({ title: 'v2', summary: 's', body: 'b' }).expect(200);
      await move(author, p.id, { to: 'withdrawn', reason: 'merged into another' }).expect(200);
    });

    it('shows every move, automatic ones too, in the trace in time order', async () => {
      const res = await t.http().get(`${API}/proposals/${p.id}/trace`).set(bearer(author)).expect(200);
      expect(res.body.nextCursor).toBeNull();
      const items = res.body.items as { at: string; kind: string; summary: string; ref: { type: string; id: string } }[];
      expect(items.map((i) => i.kind)).toEqual(['created', 'version', 'consultation_opened', 'transition', 'transition', 'version', 'transition']);
      const moves = items.filter((i) => i.kind === 'transition');
      expect(moves.map((m) => m.summary)).toEqual([
        expect.stringMatching(/draft → in_consultation/),
        expect.stringMatching(/in_consultation → in_deliberation.*agency heard/),
        expect.stringMatching(/in_deliberation → withdrawn.*merged into another/),
      ]);
      const rows: { id: string }[] = await t.db.query('SELECT id FROM proposal_transitions WHERE proposal_id = $1 ORDER BY created_at, id', [p.id]);
      expect(moves.map((m) => m.ref)).toEqual(expect.arrayContaining(rows.map((r) => ({ type: 'proposal_transition', id: r.id }))));
      const ats = items.map((i) => i.at);
      expect([...ats].sort()).toEqual(ats);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Response = await t.http().get(`${API}/proposals/${p.id}/trace`).query(cursor ? { limit: 2, cursor } : { limit: 2 }).set(bearer(author)).expect(200);
        paged.push(...page.body.items.map((i: { ref: { id: string }; kind: string }) => `${i.kind}:${i.ref.id}`));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual(items.map((i) => `${i.kind}:${i.ref.id}`));
    });

    it('writes an audit entry per move (proposal.transitioned)', async () => {
      const entries: AuditEntry[] = [];
      let cursor: string | null = null;
      do {
        const res: Response = await t.http().get(`${API}/councils/${c.council.id}/audit`).query(cursor ? { limit: 200, cursor } : { limit: 200 }).set(bearer(c.cast.secretariat)).expect(200);
        entries.push(...res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor);
      const mine = entries.filter((e) => e.action === 'proposal.transitioned' && e.objectId === p.id);
      expect(mine.map((e) => [e.summary.before?.status, e.summary.after?.status])).toEqual([
        ['draft', 'in_consultation'],
        ['in_consultation', 'in_deliberation'],
        ['in_deliberation', 'withdrawn'],
      ]);
      expect(mine.map((e) => e.actorUserId)).toEqual([c.cast.secretariat.userId, coordinator.userId, author.userId]);
      expect(mine[0].summary.details).toMatchObject({ cause: 'consultation_opened' });
      expect(mine[2].summary.details).toMatchObject({ reason: 'merged into another', cause: null });
      const verify = await t.http().get(`${API}/councils/${c.council.id}/audit/verify`).set(bearer(c.cast.secretariat)).expect(200);
      expect(verify.body).toMatchObject({ ok: true, firstBrokenAt: null });
    });
  });
});
