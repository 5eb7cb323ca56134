import { randomBytes, randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';
import {
  addToGroup,
  API,
  bearer,
  councilWithCast,
  createAgency,
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
const unique = () => randomBytes(4).toString('hex');
const text = (tag: string) => ({ title: `Title ${tag}`, summary: `Summary ${tag}`, body: `Alpha\nBeta ${tag}\nGamma\n` });

describe('proposals: drafting, reading, editing', () => {
  let t: TestApp;
  let c: Cast;
  let groupId: string;
  let coordinator: Member;
  let author: Member;
  let coAuthor: Member;
  let plain: Member;
  let repB: Member;
  let agencyB: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    c = await councilWithCast(t);
    groupId = (await createGroup(t, c.admin, c.council.id)).id;
    [coordinator, author, coAuthor, plain] = await Promise.all(['coordinator', 'author', 'co-author', 'plain'].map((n) => createMember(t, c.admin, c.council.id, n)));
    await addToGroup(t, c.admin, groupId, coordinator.membershipId, 'coordinator');
    for (const m of [author, coAuthor, plain]) await addToGroup(t, c.admin, groupId, m.membershipId);
    agencyB = await createAgency(t, c.admin, c.council.id);
    repB = await createMember(t, c.admin, c.council.id, 'rep-b', ['agency_rep'], agencyB.id);
  });
  afterAll(() => t.close());

  const post = (by: Session | null, gid: string, body: object) => {
    const req = t.http().post(`${API}/working-groups/${gid}/proposals`);
    return (by ? req.set(bearer(by)) : req).send(body);
  };
  const get = (by: Session, path: string) => t.http().get(`${API}${path}`).set(bearer(by));
  const put = (by: Session, id: string, body: object, ifMatch?: string) => {
    const req = t.http().put(`${API}/proposals/${id}`).set(bearer(by));
    return (ifMatch === undefined ? req : req.set('If-Match', ifMatch)).send(body);
  };
  const draft = (extra: object = {}) => createProposal(t, author, groupId, { coAuthorMembershipIds: [coAuthor.membershipId], ...extra });

  describe('POST /working-groups/:groupId/proposals', () => {
    it('lets a group member draft one: 201, version 1, draft, ETag "1", with its authors', async () => {
      const body = { ...text(unique()), coAuthorMembershipIds: [coAuthor.membershipId] };
      const res = await post(author, groupId, body);
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        councilId: c.council.id,
        workingGroupId: groupId,
        status: 'draft',
        version: 1,
        currentVersion: 1,
        title: body.title,
        summary: body.summary,
        body: body.body,
        authors: [
          { membershipId: author.membershipId, userId: author.userId, fullName: expect.stringMatching(/^author /), primary: true },
          { membershipId: coAuthor.membershipId, userId: coAuthor.userId, fullName: expect.stringMatching(/^co-author /), primary: false },
        ],
        origin: null,
        createdAt: expect.stringMatching(ISO_INSTANT),
        updatedAt: expect.stringMatching(ISO_INSTANT),
      });
      const versions = await t.db.query('SELECT version, title FROM proposal_versions WHERE proposal_id = $1', [res.body.id]);
      expect(versions).toEqual([{ version: 1, title: body.title }]);
    });

    it.each(['member', 'secretariat', 'chair'] as const)('refuses the %s who is not in the group with 403 and writes nothing', async (role) => {
      const title = `Refused ${unique()}`;
      expectProblem(await post(c.cast[role], groupId, { ...text('x'), title }), 403);
      expect(await t.db.query('SELECT 1 FROM proposals WHERE title = $1', [title])).toHaveLength(0);
    });

    it('answers 404 to an outsider and for an unknown group, 401 without a token', async () => {
      expectProblem(await post(c.outsider, groupId, text('x')), 404);
      expectProblem(await post(author, randomUUID(), text('x')), 404);
      expectProblem(await post(null, groupId, text('x')), 401);
    });

    it('refuses a co-author who is not in the group (400 naming coAuthorMembershipIds)', async () => {
      const res = await post(author, groupId, { ...text('x'), coAuthorMembershipIds: [c.cast.member.membershipId] });
      expectProblem(res, 400, ['coAuthorMembershipIds']);
    });

    it.each([
      [{ ...text('x'), extra: true }, ['extra']],
      [{ ...text('x'), title: 'x'.repeat(301) }, ['title']],
      [{ summary: 's', body: 'b' }, ['title']],
      [{ ...text('x'), title: '' }, ['title']],
      [{ ...text('x'), body: 42 }, ['body']],
      [{ ...text('x'), coAuthorMembershipIds: ['nope'] }, ['coAuthorMembershipIds']],
    ])('refuses %j with 400 naming %j', async (body, fields) => {
      expectProblem(await post(author, groupId, body), 400, fields);
    });

    it('accepts a title of exactly 300 characters', async () => {
      expect((await post(author, groupId, { ...text('x'), title: 't'.repeat(300) })).status).toBe(201);
    });

    it('refuses malformed JSON with 400, and a bad body before telling an outsider 404', async () => {
      const res = await t.http().post(`${API}/working-groups/${groupId}/proposals`).set(bearer(author)).set('Content-Type', 'application/json').send('{"title": "x",');
      expectProblem(res, 400);
      expectProblem(await post(c.outsider, groupId, { ...text('x'), extra: 1 }), 400, ['extra']);
      expectProblem(await post(author, 'not-a-uuid', text('x')), 400, ['groupId']);
    });
  });

  describe('who reads a proposal', () => {
    let p: ProposalBody;
    beforeAll(async () => {
      p = await draft();
    });

    it('shows a draft to its group and the secretariat (with the ETag)', async () => {
      for (const by of [author, coAuthor, plain, coordinator, c.cast.secretariat, c.admin]) {
        const res = await get(by, `/proposals/${p.id}`);
        expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { id: p.id, status: 'draft', version: 1, title: p.title } });
        expect(res.headers.etag).toBe('"1"');
      }
    });

    it('never answers a 304 from the version alone: a move of status keeps the version but changes the answer', async () => {
      const q = await draft();
      await t.http().post(`${API}/proposals/${q.id}/transitions`).set(bearer(author)).send({ to: 'in_deliberation' }).expect(200);
      const res = await t.http().get(`${API}/proposals/${q.id}`).set(bearer(author)).set('If-None-Match', '"1"');
      expect({ status: res.status, state: res.body.status, etag: res.headers.etag, cache: res.headers['cache-control'] }).toEqual({ status: 200, state: 'in_deliberation', etag: '"1"', cache: 'no-store' });
    });

    it.each(['member', 'moderator', 'chair', 'observer', 'agency_rep'] as const)('hides a draft from the %s outside the group (404)', async (role) => {
      expectProblem(await get(c.cast[role], `/proposals/${p.id}`), 404);
      expectProblem(await get(c.cast[role], `/proposals/${p.id}/versions`), 404);
      expectProblem(await get(c.cast[role], `/proposals/${p.id}/versions/1`), 404);
    });

    it('answers 404 to an outsider and for an unknown id, 400 for a malformed id', async () => {
      expectProblem(await get(c.outsider, `/proposals/${p.id}`), 404);
      expectProblem(await get(author, `/proposals/${randomUUID()}`), 404);
      expectProblem(await get(author, '/proposals/nope'), 400, ['proposalId']);
      expectProblem(await get(author, `/proposals/${p.id}/versions/0`), 400, ['n']);
    });

    describe('once in consultation', () => {
      let cited: Record<string, unknown>;
      beforeAll(async () => {
        await openConsultation(t, c.cast.secretariat, p.id, [agencyB.id]);
        cited = (await get(author, `/proposals/${p.id}/versions/1`).expect(200)).body;
        await put(author, p.id, text('second'), '"1"').expect(200);
      });

      it.each(['member', 'moderator', 'chair', 'secretariat'] as const)('shows it to the %s of the council, current version', async (role) => {
        const res = await get(c.cast[role], `/proposals/${p.id}`).expect(200);
        expect(res.body).toMatchObject({ status: 'in_consultation', version: 2, currentVersion: 2, title: 'Title second' });
        expect((await get(c.cast[role], `/proposals/${p.id}/versions`).expect(200)).body.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      });

      it('still hides it from the observer and from the representative of an agency not consulted (404)', async () => {
        expectProblem(await get(c.cast.observer, `/proposals/${p.id}`), 404);
        expectProblem(await get(c.cast.agency_rep, `/proposals/${p.id}`), 404);
        expectProblem(await get(c.cast.agency_rep, `/proposals/${p.id}/versions/1`), 404);
      });

      it("shows the consulted agency's representative the cited version only", async () => {
        const res = await get(repB, `/proposals/${p.id}`).expect(200);
        expect(res.body).toMatchObject({ id: p.id, version: 1, title: p.title, summary: p.summary, body: p.body });
        expect(res.body.title).not.toBe('Title second');
        const list = await get(repB, `/proposals/${p.id}/versions`).expect(200);
        expect(list.body).toEqual({ items: [cited], nextCursor: null });
        expect((await get(repB, `/proposals/${p.id}/versions/1`).expect(200)).body).toEqual(cited);
        expectProblem(await get(repB, `/proposals/${p.id}/versions/2`), 404);
        expectProblem(await get(repB, `/proposals/${p.id}/diff?from=1&to=2`), 400, ['to']);
      });

      it('refuses the representative who can read it an edit (403)', async () => {
        expectProblem(await put(repB, p.id, text('rep'), '"2"'), 403);
      });
    });
  });

  it('lets observers read a proposal from on_agenda on, not before', async () => {
    const p = await draft();
    const force = (status: string) => t.db.query('UPDATE proposals SET status = $2 WHERE id = $1', [p.id, status]);
    for (const status of ['in_consultation', 'in_deliberation', 'recommended', 'not_recommended']) {
      await force(status);
      expectProblem(await get(c.cast.observer, `/proposals/${p.id}`), 404);
    }
    for (const status of ['on_agenda', 'supported', 'deferred', 'in_implementation', 'implemented']) {
      await force(status);
      expect((await get(c.cast.observer, `/proposals/${p.id}`)).body).toMatchObject({ id: p.id, status });
    }
  });

  describe('PUT /proposals/:proposalId', () => {
    it('lets a co-author write version 2: 200, ETag "2"; If-Match also as 2 and W/"2"', async () => {
      const p = await draft();
      const res = await put(coAuthor, p.id, text('v2'), '"1"');
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { id: p.id, version: 2, currentVersion: 2, ...text('v2'), status: 'draft' } });
      expect(res.headers.etag).toBe('"2"');
      expect((await put(author, p.id, text('v3'), '2')).headers.etag).toBe('"3"');
      expect((await put(author, p.id, text('v4'), 'W/"3"')).headers.etag).toBe('"4"');
      const now = await get(plain, `/proposals/${p.id}`).expect(200);
      expect(now.headers.etag).toBe('"4"');
      expect(now.body).toMatchObject({ version: 4, ...text('v4') });
    });

    it('refuses a stale write with 412 carrying the current version', async () => {
      const p = await draft();
      await put(author, p.id, text('won'), '"1"').expect(200);
      const res = await put(coAuthor, p.id, text('lost'), '"1"');
      expectProblem(res, 412);
      expect(res.body).toMatchObject({ currentVersion: 2, current: { proposalId: p.id, version: 2, ...text('won') } });
      expect((await get(author, `/proposals/${p.id}`)).body.title).toBe('Title won');
    });

    it('asks for If-Match with 428, refuses a non-numeric one with 400', async () => {
      const p = await draft();
      expectProblem(await put(author, p.id, text('x')), 428);
      expectProblem(await put(author, p.id, text('x'), 'abc'), 400, ['If-Match']);
      expect((await get(author, `/proposals/${p.id}`)).body.currentVersion).toBe(1);
    });

    it('refuses group members who are not co-authors (403), hides a draft from others (404)', async () => {
      const p = await draft();
      for (const by of [plain, coordinator, c.cast.secretariat]) expectProblem(await put(by, p.id, text('x'), '"1"'), 403);
      expectProblem(await put(c.cast.member, p.id, text('x'), '"1"'), 404);
      expectProblem(await put(c.outsider, p.id, text('x'), '"1"'), 404);
    });

    it('refuses an invalid body with 400 naming the fields', async () => {
      const p = await draft();
      expectProblem(await put(author, p.id, { title: 'x'.repeat(301), summary: 's', body: 'b', extra: 1 }, '"1"'), 400, ['title', 'extra']);
      expectProblem(await put(author, p.id, { title: 'x' }, '"1"'), 400, ['summary', 'body']);
    });

    it('lets exactly one of 20 concurrent writes on one version in; the rest get 412', async () => {
      const p = await draft();
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => put(i % 2 ? author : coAuthor, p.id, text(`race ${i}`), '"1"')));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 412)).toHaveLength(19);
      const rows = await t.db.query('SELECT version FROM proposal_versions WHERE proposal_id = $1 ORDER BY version', [p.id]);
      expect(rows).toEqual([{ version: 1 }, { version: 2 }]);
      const winner = results.find((r) => r.status === 200)!;
      expect((await get(author, `/proposals/${p.id}`)).body).toMatchObject({ currentVersion: 2, title: winner.body.title });
    });

    it('keeps versions immutable and pages them', async () => {
      const p = await draft();
      const v1 = (await get(author, `/proposals/${p.id}/versions/1`).expect(200)).body;
      expect(v1).toEqual({
        id: expect.stringMatching(UUID),
        proposalId: p.id,
        version: 1,
        title: p.title,
        summary: p.summary,
        body: p.body,
        authorMembershipId: author.membershipId,
        createdAt: expect.stringMatching(ISO_INSTANT),
      });
      await put(author, p.id, text('a'), '"1"').expect(200);
      await put(coAuthor, p.id, text('b'), '"2"').expect(200);
      expect((await get(author, `/proposals/${p.id}/versions/1`).expect(200)).body).toEqual(v1);
      expect((await get(author, `/proposals/${p.id}/versions/3`).expect(200)).body).toMatchObject({ version: 3, authorMembershipId: coAuthor.membershipId, ...text('b') });
      expectProblem(await get(author, `/proposals/${p.id}/versions/4`), 404);
      const first = await get(author, `/proposals/${p.id}/versions?limit=2`).expect(200);
      const second = await t.http().get(`${API}/proposals/${p.id}/versions`).query({ limit: 2, cursor: first.body.nextCursor }).set(bearer(author)).expect(200);
      expect([...first.body.items, ...second.body.items].map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
      expect(second.body.nextCursor).toBeNull();
    });
  });

  describe('GET /proposals/:proposalId/diff', () => {
    it('shows line-level changes between two versions', async () => {
      const p = await draft({ title: 'Old title', summary: 'Same summary', body: 'one\ntwo\nthree\n' });
      await put(author, p.id, { title: 'New title', summary: 'Same summary', body: 'one\n2\nthree\nfour\n' }, '"1"').expect(200);
      const res = await get(plain, `/proposals/${p.id}/diff?from=1&to=2`).expect(200);
      expect(res.body).toEqual({
        from: 1,
        to: 2,
        title: [
          { op: 'removed', lines: ['Old title'] },
          { op: 'added', lines: ['New title'] },
        ],
        summary: [{ op: 'equal', lines: ['Same summary'] }],
        body: [
          { op: 'equal', lines: ['one'] },
          { op: 'removed', lines: ['two'] },
          { op: 'added', lines: ['2'] },
          { op: 'equal', lines: ['three'] },
          { op: 'added', lines: ['four'] },
        ],
        stats: { added: 3, removed: 2 },
        tooDifferent: false,
        omitted: [],
      });
      const back = await get(plain, `/proposals/${p.id}/diff?from=2&to=1`).expect(200);
      expect(back.body.stats).toEqual({ added: 2, removed: 3 });
    });

    it('answers 400 naming from / to for a version that does not exist or a malformed query', async () => {
      const p = await draft();
      expectProblem(await get(author, `/proposals/${p.id}/diff?from=5&to=1`), 400, ['from']);
      expectProblem(await get(author, `/proposals/${p.id}/diff?from=1&to=9`), 400, ['to']);
      expectProblem(await get(author, `/proposals/${p.id}/diff?from=x&to=1`), 400, ['from']);
      expectProblem(await get(author, `/proposals/${p.id}/diff?from=1`), 400, ['to']);
      expectProblem(await get(c.cast.member, `/proposals/${p.id}/diff?from=1&to=1`), 404);
    });
  });
});
