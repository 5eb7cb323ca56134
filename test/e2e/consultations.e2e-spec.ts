import { randomUUID } from 'node:crypto';
import { UnitOfWork } from '@kenes/audit/unit-of-work';
import { ConsultationsRepository } from '../../libs/proposals/src/consultations/consultations.repository';
import { OverdueConsultationsJob } from '../../libs/proposals/src/consultations/overdue.job';
import { startTestApp, TestApp } from '../support/test-app';
import {
  addToGroup,
  API,
  bearer,
  councilWithCast,
  createAgency,
  createCouncil,
  createGroup,
  createMember,
  createProposal,
  openConsultation,
  ProposalBody,
  Session,
} from '../support/factories';
import { expectProblem, ISO_INSTANT, UUID } from '../support/problems';

type Cast = Awaited<ReturnType<typeof councilWithCast>>;
type Member = Session & { membershipId: string };
const inDays = (d: number) => new Date(Date.now() + d * 24 * 3600 * 1000).toISOString();
const BODY = 'Article 1. The death penalty is abolished.\nArticle 2. Life imprisonment replaces it.\n';

describe('consultations', () => {
  let t: TestApp;
  let c: Cast;
  let groupId: string;
  let coordinator: Member;
  let author: Member;
  let plain: Member;
  let agencyB: { id: string };
  let repB: Member;

  beforeAll(async () => {
    t = await startTestApp();
    c = await councilWithCast(t);
    groupId = (await createGroup(t, c.admin, c.council.id)).id;
    [coordinator, author, plain] = await Promise.all(['coordinator', 'author', 'plain'].map((n) => createMember(t, c.admin, c.council.id, n)));
    await addToGroup(t, c.admin, groupId, coordinator.membershipId, 'coordinator');
    for (const m of [author, plain]) await addToGroup(t, c.admin, groupId, m.membershipId);
    agencyB = await createAgency(t, c.admin, c.council.id);
    repB = await createMember(t, c.admin, c.council.id, 'rep-b', ['agency_rep'], agencyB.id);
  });
  afterAll(() => t.close());

  const draft = () => createProposal(t, author, groupId, { body: BODY });
  const send = (by: Session, path: string, body: object) => t.http().post(`${API}${path}`).set(bearer(by)).send(body);
  const get = (by: Session, path: string, query: Record<string, string> = {}) => t.http().get(`${API}${path}`).set(bearer(by)).query(query);
  const open = (by: Session, id: string, extra: object = {}) =>
    send(by, `/proposals/${id}/consultations`, { agencyIds: [c.agency.id], aspects: ['legal'], question: 'Is it lawful?', dueAt: inDays(14), ...extra });
  const statusOf = async (id: string) => (await t.db.query('SELECT status FROM proposals WHERE id = $1', [id]))[0].status as string;
  const listIds = async (by: Session, agencyId: string, status?: string) =>
    (await get(by, `/agencies/${agencyId}/consultations`, status ? { status } : {}).expect(200)).body.items.map((x: { id: string }) => x.id) as string[];

  describe('opening', () => {
    it("lets the group's coordinator address the current version to agencies: 201, one each; the draft moves to in_consultation", async () => {
      const p = await draft();
      const dueAt = inDays(10);
      const res = await open(coordinator, p.id, { agencyIds: [c.agency.id, agencyB.id], aspects: ['economic', 'legal'], dueAt });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
      expect(res.body.items).toHaveLength(2);
      expect(res.body.items.map((x: { agencyId: string }) => x.agencyId).sort()).toEqual([c.agency.id, agencyB.id].sort());
      expect(res.body.items[0]).toEqual({
        id: expect.stringMatching(UUID),
        proposalId: p.id,
        councilId: c.council.id,
        agencyId: expect.stringMatching(UUID),
        version: 1,
        aspects: ['economic', 'legal'],
        question: 'Is it lawful?',
        dueAt: new Date(dueAt).toISOString(),
        status: 'open',
        createdAt: expect.stringMatching(ISO_INSTANT),
        answeredAt: null,
        response: null,
      });
      expect(await statusOf(p.id)).toBe('in_consultation');
    });

    it('lets the secretariat open one too, citing the current version, and keeps an in_deliberation proposal there', async () => {
      const p = await draft();
      await t.http().put(`${API}/proposals/${p.id}`).set(bearer(author)).set('If-Match', '"1"').send({ title: 'v2', summary: 's', body: BODY }).expect(200);
      await send(author, `/proposals/${p.id}/transitions`, { to: 'in_deliberation' }).expect(200);
      const res = await open(c.cast.secretariat, p.id);
      expect(res.status).toBe(201);
      expect(res.body.items).toEqual([expect.objectContaining({ version: 2, agencyId: c.agency.id })]);
      expect(await statusOf(p.id)).toBe('in_deliberation');
    });

    it('refuses a group member who is not the coordinator (403); hides a draft from others (404)', async () => {
      const p = await draft();
      expectProblem(await open(author, p.id), 403);
      expectProblem(await open(plain, p.id), 403);
      expectProblem(await open(c.cast.member, p.id), 404);
      expectProblem(await open(c.cast.agency_rep, p.id), 404);
      expectProblem(await open(c.outsider, p.id), 404);
      expect(await statusOf(p.id)).toBe('draft');
      expect(await t.db.query('SELECT 1 FROM consultations WHERE proposal_id = $1', [p.id])).toHaveLength(0);
    });

    it('refuses bad input with 400 naming the field', async () => {
      const p = await draft();
      const foreign = await createAgency(t, c.admin, (await createCouncil(t, c.admin)).id);
      expectProblem(await open(coordinator, p.id, { agencyIds: [foreign.id] }), 400, ['agencyIds']);
      expectProblem(await open(coordinator, p.id, { agencyIds: [randomUUID()] }), 400, ['agencyIds']);
      expectProblem(await open(coordinator, p.id, { dueAt: inDays(-1) }), 400, ['dueAt']);
      expectProblem(await open(coordinator, p.id, { dueAt: 'tomorrow' }), 400, ['dueAt']);
      expectProblem(await open(coordinator, p.id, { agencyIds: [] }), 400, ['agencyIds']);
      expectProblem(await open(coordinator, p.id, { aspects: ['moral'] }), 400, ['aspects']);
      expectProblem(await open(coordinator, p.id, { question: '', extra: 1 }), 400, ['question', 'extra']);
      expect(await statusOf(p.id)).toBe('draft');
    });

    it('refuses a withdrawn proposal with 409', async () => {
      const p = await draft();
      await send(author, `/proposals/${p.id}/transitions`, { to: 'withdrawn' }).expect(200);
      expectProblem(await open(c.cast.secretariat, p.id), 409);
      expectProblem(await open(coordinator, p.id), 409);
    });
  });

  describe('one consultation, end to end', () => {
    let p: ProposalBody;
    let mine: string; // addressed to c.agency (c.cast.agency_rep)
    let theirs: string; // addressed to agencyB (repB)
    let agencyComment: string;

    beforeAll(async () => {
      p = await draft();
      const items = await openConsultation(t, coordinator, p.id, [c.agency.id, agencyB.id]);
      mine = items.find((x) => x.agencyId === c.agency.id)!.id;
      theirs = items.find((x) => x.agencyId === agencyB.id)!.id;
    });

    it('shows it to the secretariat, the group and the agency; 404 to everyone else', async () => {
      for (const by of [c.cast.secretariat, c.admin, coordinator, author, plain, c.cast.agency_rep]) {
        const res = await get(by, `/consultations/${mine}`);
        expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { id: mine, agencyId: c.agency.id, version: 1, status: 'open', comments: [] } });
      }
      for (const by of [repB, c.cast.member, c.cast.chair, c.cast.observer, c.outsider]) expectProblem(await get(by, `/consultations/${mine}`), 404);
      expectProblem(await get(author, `/consultations/${randomUUID()}`), 404);
      expectProblem(await get(author, '/consultations/nope'), 400, ['consultationId']);
    });

    it("refuses the agency's representative an edit of the proposal (403)", async () => {
      expectProblem(await t.http().put(`${API}/proposals/${p.id}`).set(bearer(c.cast.agency_rep)).set('If-Match', '"1"').send({ title: 'x', summary: 's', body: 'b' }), 403);
    });

    it("takes the agency's comments with a position, anchored to the cited version", async () => {
      expectProblem(await send(c.cast.agency_rep, `/consultations/${mine}/comments`, { aspect: 'legal', body: 'No position' }), 400, ['position']);
      expectProblem(await send(c.cast.agency_rep, `/consultations/${mine}/comments`, { aspect: 'legal', position: 'objects', body: 'x', anchor: { version: 2, start: 0, end: 5 } }), 400, ['anchor.version']);
      expectProblem(
        await send(c.cast.agency_rep, `/consultations/${mine}/comments`, { aspect: 'legal', position: 'objects', body: 'x', anchor: { version: 1, start: 0, end: BODY.length + 1 } }),
        400,
        ['anchor.end'],
      );
      expectProblem(await send(c.cast.agency_rep, `/consultations/${mine}/comments`, { aspect: 'moral', position: 'maybe', body: 'x' }), 400, ['aspect', 'position']);
      const res = await send(c.cast.agency_rep, `/consultations/${mine}/comments`, { aspect: 'legal', position: 'supports_with_conditions', body: 'Article 2 needs a transition period.', anchor: { version: 1, start: 43, end: 53 } });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        consultationId: mine,
        authorMembershipId: c.cast.agency_rep.membershipId,
        authorName: expect.stringMatching(/^agency_rep /),
        authorKind: 'agency',
        aspect: 'legal',
        position: 'supports_with_conditions',
        body: 'Article 2 needs a transition period.',
        anchor: { version: 1, start: 43, end: 53 },
        replyTo: null,
        createdAt: expect.stringMatching(ISO_INSTANT),
      });
      agencyComment = res.body.id;
    });

    it("takes an author's reply in thread: replyTo required, no position", async () => {
      expectProblem(await send(author, `/consultations/${mine}/comments`, { aspect: 'legal', body: 'Reply without thread' }), 400, ['replyTo']);
      expectProblem(await send(author, `/consultations/${mine}/comments`, { aspect: 'legal', position: 'supports', body: 'x', replyTo: agencyComment }), 400, ['position']);
      expectProblem(await send(author, `/consultations/${mine}/comments`, { aspect: 'legal', body: 'x', replyTo: randomUUID() }), 400, ['replyTo']);
      const res = await send(author, `/consultations/${mine}/comments`, { aspect: 'legal', body: 'Two years would do.', replyTo: agencyComment });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 201, body: { authorKind: 'author', position: null, replyTo: agencyComment, authorMembershipId: author.membershipId } });
      const got = await get(plain, `/consultations/${mine}`).expect(200);
      expect(got.body.comments.map((x: { id: string }) => x.id)).toEqual([agencyComment, res.body.id]);
    });

    it('refuses comments from group members who are not authors and the secretariat (403), and the wrong agency (404)', async () => {
      expectProblem(await send(plain, `/consultations/${mine}/comments`, { aspect: 'legal', body: 'x', replyTo: agencyComment }), 403);
      expectProblem(await send(c.cast.secretariat, `/consultations/${mine}/comments`, { aspect: 'legal', body: 'x', replyTo: agencyComment }), 403);
      expectProblem(await send(repB, `/consultations/${mine}/comments`, { aspect: 'legal', position: 'objects', body: 'x' }), 404);
      expectProblem(await send(repB, `/consultations/${mine}/response`, { position: 'objects', body: 'x' }), 404);
      expectProblem(await send(c.cast.member, `/consultations/${mine}/comments`, { aspect: 'legal', position: 'objects', body: 'x' }), 404);
    });

    it('keeps each agency to its own consultations in lists', async () => {
      expect(await listIds(c.cast.agency_rep, c.agency.id)).toContain(mine);
      expect(await listIds(c.cast.agency_rep, c.agency.id)).not.toContain(theirs);
      expect(await listIds(repB, agencyB.id)).toEqual(expect.arrayContaining([theirs]));
      expect(await listIds(c.cast.secretariat, agencyB.id)).toContain(theirs);
      expectProblem(await get(repB, `/agencies/${c.agency.id}/consultations`), 404);
      expectProblem(await get(c.cast.member, `/agencies/${c.agency.id}/consultations`), 403);
      expectProblem(await get(author, `/agencies/${c.agency.id}/consultations`), 403);
      expectProblem(await get(c.outsider, `/agencies/${c.agency.id}/consultations`), 404);
      expectProblem(await get(c.cast.secretariat, `/agencies/${randomUUID()}/consultations`), 404);
      expectProblem(await get(c.cast.secretariat, `/agencies/${c.agency.id}/consultations`, { status: 'late' }), 400, ['status']);
    });

    it('shows the representative the cited version after the proposal moves on', async () => {
      await t.http().put(`${API}/proposals/${p.id}`).set(bearer(author)).set('If-Match', '"1"').send({ title: 'Revised', summary: 's', body: 'Changed.' }).expect(200);
      expect((await get(c.cast.agency_rep, `/proposals/${p.id}`).expect(200)).body).toMatchObject({ version: 1, currentVersion: 2, body: BODY });
      expectProblem(await send(c.cast.agency_rep, `/consultations/${mine}/comments`, { aspect: 'legal', position: 'objects', body: 'x', anchor: { version: 2, start: 0, end: 1 } }), 400, ['anchor.version']);
    });

    it("takes the agency's final response once: 200 answered, then 409", async () => {
      expectProblem(await send(author, `/consultations/${mine}/response`, { position: 'supports', body: 'x' }), 403);
      expectProblem(await send(c.cast.secretariat, `/consultations/${mine}/response`, { position: 'supports', body: 'x' }), 403);
      expectProblem(await send(c.cast.agency_rep, `/consultations/${mine}/response`, { position: 'maybe', body: '' }), 400, ['position', 'body']);
      const res = await send(c.cast.agency_rep, `/consultations/${mine}/response`, { position: 'supports_with_conditions', body: 'With a two-year transition.' });
      expect({ status: res.status, body: res.body }).toMatchObject({
        status: 200,
        body: {
          id: mine,
          status: 'answered',
          answeredAt: expect.stringMatching(ISO_INSTANT),
          response: { id: expect.stringMatching(UUID), membershipId: c.cast.agency_rep.membershipId, position: 'supports_with_conditions', body: 'With a two-year transition.', createdAt: expect.stringMatching(ISO_INSTANT) },
        },
      });
      expectProblem(await send(c.cast.agency_rep, `/consultations/${mine}/response`, { position: 'objects', body: 'Changed my mind' }), 409);
      expect((await get(c.cast.secretariat, `/consultations/${mine}`).expect(200)).body.response.position).toBe('supports_with_conditions');
      expect(await listIds(c.cast.agency_rep, c.agency.id, 'answered')).toContain(mine);
      expect(await listIds(c.cast.agency_rep, c.agency.id, 'open')).not.toContain(mine);
    });

    it('lets exactly one of two concurrent final responses in', async () => {
      const results = await Promise.all(['supports', 'objects'].map((position) => send(repB, `/consultations/${theirs}/response`, { position, body: position })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await t.db.query('SELECT 1 FROM consultation_responses WHERE consultation_id = $1', [theirs])).toHaveLength(1);
    });

    it('records everything in the trace in order, and the audit chain still verifies', async () => {
      const res = await get(author, `/proposals/${p.id}/trace`).expect(200);
      const kinds = res.body.items.map((x: { kind: string }) => x.kind);
      expect(kinds).toEqual([
        'created',
        'version',
        'consultation_opened',
        'consultation_opened',
        'transition',
        'consultation_comment',
        'consultation_comment',
        'version',
        'consultation_answered',
        'consultation_answered',
      ]);
      const opened = res.body.items.filter((x: { kind: string }) => x.kind === 'consultation_opened').map((x: { ref: object }) => x.ref);
      expect(opened).toEqual(expect.arrayContaining([{ type: 'consultation', id: mine }, { type: 'consultation', id: theirs }]));
      expect(res.body.items[5].ref).toEqual({ type: 'consultation_comment', id: agencyComment });
      // An agency's representative sees its own consultation's lines and the cited version, not another agency's.
      const rep = await get(c.cast.agency_rep, `/proposals/${p.id}/trace`).expect(200);
      const refs = rep.body.items.map((x: { ref: { id: string } }) => x.ref.id);
      expect(refs).toContain(mine);
      expect(refs).toContain(agencyComment);
      expect(refs).not.toContain(theirs);
      expect(rep.body.items.filter((x: { kind: string }) => x.kind === 'version')).toHaveLength(1);
      expect(JSON.stringify(rep.body)).not.toMatch(/Final response: (supports|objects)"/);
      const verify = await get(c.cast.secretariat, `/councils/${c.council.id}/audit/verify`).expect(200);
      expect(verify.body).toMatchObject({ ok: true, firstBrokenAt: null });
    });
  });

  describe('overdue', () => {
    const overdueEntries = async (id: string) =>
      (await t.db.query(`SELECT 1 FROM audit_entries WHERE action = 'consultation.overdue' AND object_id = $1`, [id])).length as number;
    const pastDue = (id: string) => t.db.query(`UPDATE consultations SET due_at = now() - interval '1 hour' WHERE id = $1`, [id]);

    it('derives overdue, lists it, records it once however often and however concurrently it is swept, and still takes the answer', async () => {
      const p = await draft();
      const [x] = await openConsultation(t, c.cast.secretariat, p.id, [agencyB.id]);
      const [y] = await openConsultation(t, c.cast.secretariat, p.id, [agencyB.id]);
      expect(await listIds(repB, agencyB.id, 'open')).toEqual(expect.arrayContaining([x.id, y.id]));
      await pastDue(x.id);
      expect(await listIds(repB, agencyB.id, 'overdue')).toContain(x.id);
      expect(await listIds(c.cast.secretariat, agencyB.id, 'overdue')).toContain(x.id);
      expect(await listIds(repB, agencyB.id, 'open')).not.toContain(x.id);
      expect(await listIds(repB, agencyB.id, 'overdue')).not.toContain(y.id);
      expect((await get(repB, `/consultations/${x.id}`).expect(200)).body.status).toBe('overdue');

      const job = t.app.get(OverdueConsultationsJob);
      const otherNode = new OverdueConsultationsJob(t.app.get(UnitOfWork), t.app.get(ConsultationsRepository));
      await Promise.all([job.sweep(), job.sweep(), otherNode.sweep(), otherNode.sweep()]);
      expect(await overdueEntries(x.id)).toBe(1);
      await job.sweep();
      expect(await overdueEntries(x.id)).toBe(1);
      expect(await overdueEntries(y.id)).toBe(0);
      await pastDue(y.id);
      await Promise.all([otherNode.sweep(), job.sweep()]);
      await job.sweep();
      expect([await overdueEntries(x.id), await overdueEntries(y.id)]).toEqual([1, 1]);

      const res = await send(repB, `/consultations/${x.id}/response`, { position: 'objects', body: 'Late, but here.' });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { status: 'answered' } });
      expect(await listIds(repB, agencyB.id, 'overdue')).not.toContain(x.id);
      expect(await listIds(repB, agencyB.id, 'answered')).toContain(x.id);
      const verify = await get(c.cast.secretariat, `/councils/${c.council.id}/audit/verify`).expect(200);
      expect(verify.body).toMatchObject({ ok: true });
    });
  });
});
