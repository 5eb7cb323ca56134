import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { SearchRepository } from '../../libs/proposals/src/search.repository';
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
import { expectProblem, ISO_INSTANT, UUID } from '../support/problems';

type Cast = Awaited<ReturnType<typeof councilWithCast>>;
type Member = Session & { membershipId: string };
interface Comment {
  id: string;
  createdAt: string;
  replyTo: string | null;
}

describe('proposal comments and search', () => {
  let t: TestApp;
  let c: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    c = await councilWithCast(t);
  });
  afterAll(() => t.close());

  const get = (by: Session | null, path: string, query: Record<string, string | number> = {}) => {
    const req = t.http().get(`${API}${path}`).query(query);
    return by ? req.set(bearer(by)) : req;
  };

  describe('comments', () => {
    const BODY = 'Line one\nLine two\n'; // 18 characters
    let author: Member;
    let plain: Member;
    let p: ProposalBody;
    let other: ProposalBody;
    let consulted: ProposalBody;

    beforeAll(async () => {
      const groupId = (await createGroup(t, c.admin, c.council.id)).id;
      [author, plain] = await Promise.all(['author', 'plain'].map((n) => createMember(t, c.admin, c.council.id, n)));
      for (const m of [author, plain]) await addToGroup(t, c.admin, groupId, m.membershipId);
      [p, other, consulted] = await Promise.all([1, 2, 3].map(() => createProposal(t, author, groupId, { body: BODY })));
      await openConsultation(t, c.cast.secretariat, consulted.id, [c.agency.id]);
    });

    const comment = (by: Session, id: string, body: object) => t.http().post(`${API}/proposals/${id}/comments`).set(bearer(by)).send(body);

    it('lets a group member comment, anchored to a span of a version: 201', async () => {
      const res = await comment(plain, p.id, { body: 'Why "one"?', anchor: { version: 1, start: 5, end: 8 } });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        proposalId: p.id,
        authorMembershipId: plain.membershipId,
        authorName: expect.stringMatching(/^plain /),
        body: 'Why "one"?',
        anchor: { version: 1, start: 5, end: 8 },
        replyTo: null,
        createdAt: expect.stringMatching(ISO_INSTANT),
      });
      expect((await comment(author, p.id, { body: 'Whole body', anchor: { version: 1, start: 0, end: BODY.length } })).status).toBe(201);
      expect((await comment(author, p.id, { body: 'No anchor' })).body).toMatchObject({ anchor: null, replyTo: null });
    });

    it('refuses an anchor beyond the body or on a version that does not exist (400)', async () => {
      expectProblem(await comment(plain, p.id, { body: 'x', anchor: { version: 1, start: 0, end: BODY.length + 1 } }), 400, ['anchor.end']);
      expectProblem(await comment(plain, p.id, { body: 'x', anchor: { version: 1, start: 4, end: 4 } }), 400, ['anchor.end']);
      expectProblem(await comment(plain, p.id, { body: 'x', anchor: { version: 2, start: 0, end: 1 } }), 400, ['anchor.version']);
      expectProblem(await comment(plain, p.id, { body: 'x', anchor: { version: 1, start: -1, end: 1 } }), 400, ['anchor.start']);
      expectProblem(await comment(plain, p.id, { body: 'x', anchor: { version: 1, start: 0 } }), 400, ['anchor.end']);
      expectProblem(await comment(plain, p.id, { body: '', extra: 1 }), 400, ['body', 'extra']);
    });

    it("measures an anchor against the body of the version it names", async () => {
      const q = await createProposal(t, author, p.workingGroupId, { body: 'short' });
      await t.http().put(`${API}/proposals/${q.id}`).set(bearer(author)).set('If-Match', '"1"').send({ title: q.title, summary: q.summary, body: 'a much longer body' }).expect(200);
      expect((await comment(plain, q.id, { body: 'ok', anchor: { version: 2, start: 2, end: 18 } })).status).toBe(201);
      expectProblem(await comment(plain, q.id, { body: 'no', anchor: { version: 1, start: 2, end: 18 } }), 400, ['anchor.end']);
    });

    it('threads replies; replyTo must be a comment of the same proposal (400)', async () => {
      const root = (await comment(plain, p.id, { body: 'Root' }).expect(201)).body as Comment;
      const reply = await comment(author, p.id, { body: 'Reply', replyTo: root.id });
      expect({ status: reply.status, body: reply.body }).toMatchObject({ status: 201, body: { replyTo: root.id } });
      const elsewhere = (await comment(plain, other.id, { body: 'Elsewhere' }).expect(201)).body as Comment;
      expectProblem(await comment(author, p.id, { body: 'x', replyTo: elsewhere.id }), 400, ['replyTo']);
      expectProblem(await comment(author, p.id, { body: 'x', replyTo: randomUUID() }), 400, ['replyTo']);
      expectProblem(await comment(author, p.id, { body: 'x', replyTo: 'nope' }), 400, ['replyTo']);
    });

    it('refuses readers outside the group with 403, hides a draft from them with 404', async () => {
      for (const by of [c.cast.member, c.cast.secretariat, c.cast.chair]) expectProblem(await comment(by, consulted.id, { body: 'x' }), 403);
      expectProblem(await comment(c.cast.member, p.id, { body: 'x' }), 404);
      expectProblem(await comment(c.cast.agency_rep, p.id, { body: 'x' }), 404);
      expectProblem(await comment(c.outsider, p.id, { body: 'x' }), 404);
      expectProblem(await get(c.cast.member, `/proposals/${consulted.id}/comments`), 403);
      expectProblem(await get(c.cast.agency_rep, `/proposals/${consulted.id}/comments`), 403);
      expectProblem(await get(c.cast.member, `/proposals/${p.id}/comments`), 404);
    });

    it('lists the comments in order to the group and the secretariat, paged without duplicates', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await comment(i % 2 ? author : plain, consulted.id, { body: `Comment ${i}` }).expect(201)).body.id);
      for (const by of [author, plain, c.cast.secretariat]) {
        const all = await get(by, `/proposals/${consulted.id}/comments`).expect(200);
        expect(all.body.nextCursor).toBeNull();
        expect(all.body.items.map((x: Comment) => x.id).sort()).toEqual([...ids].sort());
        const order = all.body.items.map((x: Comment) => `${x.createdAt} ${x.id}`);
        expect(order).toEqual([...order].sort());
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Response = await get(plain, `/proposals/${consulted.id}/comments`, cursor ? { limit: 2, cursor } : { limit: 2 }).expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((x: Comment) => x.id));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual((await get(plain, `/proposals/${consulted.id}/comments`).expect(200)).body.items.map((x: Comment) => x.id));
      expectProblem(await get(plain, `/proposals/${consulted.id}/comments`, { limit: 201 }), 400, ['limit']);
      expectProblem(await get(plain, `/proposals/${consulted.id}/comments`, { cursor: 'garbage' }), 400, ['cursor']);
    });
  });

  describe('search', () => {
    let s: Cast;
    let groupA: string;
    let groupB: string;
    let memberA: Member;
    let memberB: Member;
    const ids: Record<string, string> = {};
    const search = (by: Session | null, query: Record<string, string | number>) => get(by, `/councils/${s.council.id}/proposals`, query);
    const idsOf = (res: Response) => res.body.items.map((i: { id: string }) => i.id);

    beforeAll(async () => {
      s = await councilWithCast(t);
      groupA = (await createGroup(t, s.admin, s.council.id)).id;
      groupB = (await createGroup(t, s.admin, s.council.id)).id;
      [memberA, memberB] = await Promise.all(['A', 'B'].map((n) => createMember(t, s.admin, s.council.id, n)));
      await addToGroup(t, s.admin, groupA, memberA.membershipId);
      await addToGroup(t, s.admin, groupB, memberB.membershipId);
      const make = async (key: string, by: Session, gid: string, text: { title: string; summary: string; body: string }) => {
        ids[key] = (await createProposal(t, by, gid, text)).id;
      };
      await make('title', memberA, groupA, { title: 'Об отмене смертной казни', summary: 'Проект реформы', body: 'Предлагается закон об отмены смертной казни.' });
      await make('summary', memberA, groupA, { title: 'История права', summary: 'О смертной казни в истории', body: 'Обзор.' });
      await make('body', memberA, groupA, { title: 'Реформа уголовного кодекса', summary: 'Изменения', body: 'Среди прочего — вопрос смертной казни.' });
      await make('english', memberA, groupA, { title: 'Sanctions review', summary: 'Review', body: 'In several countries the penalties were abolished long ago.' });
      await make('kazakh', memberB, groupB, { title: 'Өлім жазасын жою туралы', summary: 'Ұсыныс', body: 'Қазақстанда мораторий бар.' });
      await t.http().post(`${API}/proposals/${ids.body}/transitions`).set(bearer(memberA)).send({ to: 'in_deliberation' }).expect(200);
    });

    it('finds Russian words through their inflections, ranked title > summary > body, with <mark> snippets', async () => {
      const res = await search(memberA, { q: 'смертная казнь' }).expect(200);
      expect(idsOf(res)).toEqual([ids.title, ids.summary, ids.body]);
      expect(res.body.nextCursor).toBeNull();
      const ranks = res.body.items.map((i: { rank: number }) => i.rank);
      expect(ranks[0]).toBeGreaterThan(ranks[1]);
      expect(ranks[1]).toBeGreaterThan(ranks[2]);
      for (const hit of res.body.items) expect(hit.snippet).toMatch(/<mark>[^<]+<\/mark>/);
      expect(res.body.items[0]).toMatchObject({ title: 'Об отмене смертной казни', workingGroupId: groupA, status: 'draft', version: 1, createdAt: expect.stringMatching(ISO_INSTANT) });
    });

    it('stems English words and matches Kazakh words as written', async () => {
      expect(idsOf(await search(memberA, { q: 'penalty abolish' }).expect(200))).toEqual([ids.english]);
      expect(idsOf(await search(memberB, { q: 'жазасын' }).expect(200))).toEqual([ids.kazakh]);
    });

    it("keeps a group's drafts to the group and the secretariat", async () => {
      expect(idsOf(await search(memberA, { q: 'жазасын' }).expect(200))).toEqual([]);
      expect(idsOf(await search(s.cast.secretariat, { q: 'жазасын' }).expect(200))).toEqual([ids.kazakh]);
      expect(idsOf(await search(memberB, { q: 'смертная казнь' }).expect(200))).toEqual([ids.body]);
      expect(idsOf(await search(s.cast.member, { q: 'смертная казнь' }).expect(200))).toEqual([ids.body]);
      expect(idsOf(await search(s.cast.observer, { q: 'смертная казнь' }).expect(200))).toEqual([]);
      expect(idsOf(await search(s.cast.secretariat, { q: 'смертная казнь' }).expect(200))).toEqual([ids.title, ids.summary, ids.body]);
    });

    it('filters by status and by group', async () => {
      expect(idsOf(await search(s.cast.secretariat, { q: 'смертная казнь', status: 'in_deliberation' }).expect(200))).toEqual([ids.body]);
      expect(idsOf(await search(s.cast.secretariat, { q: 'смертная казнь', status: 'draft' }).expect(200))).toEqual([ids.title, ids.summary]);
      expect(idsOf(await search(s.cast.secretariat, { groupId: groupB }).expect(200))).toEqual([ids.kazakh]);
      expect(idsOf(await search(s.cast.secretariat, { q: 'жазасын', groupId: groupA }).expect(200))).toEqual([]);
      const all = await search(memberA, {}).expect(200);
      expect(idsOf(all)).toEqual([ids.english, ids.body, ids.summary, ids.title]);
      expect(all.body.items[0]).toMatchObject({ rank: null, snippet: null });
    });

    it('pages ranked results with a cursor, without duplicates', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Response = await search(memberA, cursor ? { q: 'смертная казнь', limit: 1, cursor } : { q: 'смертная казнь', limit: 1 }).expect(200);
        expect(page.body.items).toHaveLength(1);
        seen.push(...idsOf(page));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([ids.title, ids.summary, ids.body]);
      const plain: string[] = [];
      cursor = null;
      do {
        const page: Response = await search(memberA, cursor ? { limit: 3, cursor } : { limit: 3 }).expect(200);
        plain.push(...idsOf(page));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(plain).toEqual([ids.english, ids.body, ids.summary, ids.title]);
    });

    it('escapes the text around the <mark>s of a snippet', async () => {
      const x = await createProposal(t, memberA, groupA, { title: 'Носороги <img src=x onerror=alert(1)>', summary: 'a & b', body: 'Про носорогов.' });
      const [hit] = (await search(memberA, { q: 'носорог' }).expect(200)).body.items;
      expect(hit.id).toBe(x.id);
      expect(hit.snippet).toContain('<mark>');
      expect(hit.snippet).not.toContain('<img');
      expect(hit.snippet.replace(/<\/?mark>/g, '')).toMatch(/&lt;img src=x onerror=alert\(1\)&gt;.*a &amp; b/s);
    });

    it('answers 400 for limit=201 and bad filters, 404 to an outsider, 401 without a token', async () => {
      expectProblem(await search(memberA, { q: 'казнь', limit: 201 }), 400, ['limit']);
      expectProblem(await search(memberA, { status: 'archived' }), 400, ['status']);
      expectProblem(await search(memberA, { groupId: 'nope' }), 400, ['groupId']);
      expectProblem(await search(memberA, { q: 'казнь', cursor: 'garbage' }), 400, ['cursor']);
      expectProblem(await search(c.cast.member, { q: 'казнь' }), 404);
      expectProblem(await search(null, { q: 'казнь' }), 401);
    });

    it("shows an agency's representative only the versions its consultations cite", async () => {
      const p = await createProposal(t, memberA, groupA, { title: 'Лицензирование аптек', summary: 'Первая редакция', body: 'Аптеки получают лицензии.' });
      await openConsultation(t, s.cast.secretariat, p.id, [s.agency.id]);
      const found = await search(s.cast.agency_rep, { q: 'лицензирование' }).expect(200);
      expect(found.body.items).toEqual([expect.objectContaining({ id: p.id, title: 'Лицензирование аптек', summary: 'Первая редакция', version: 1 })]);
      expect(idsOf(await search(s.cast.agency_rep, { q: 'смертная казнь' }).expect(200))).toEqual([]);
      const v2 = { title: 'Лицензирование аптек и клиник', summary: 'Вторая редакция', body: 'Секретное слово: зебра.' };
      await t.http().put(`${API}/proposals/${p.id}`).set(bearer(memberA)).set('If-Match', '"1"').send(v2).expect(200);
      expect(idsOf(await search(s.cast.agency_rep, { q: 'зебра' }).expect(200))).toEqual([]);
      for (const query of [{ q: 'лицензирование' }, {}] as Record<string, string>[]) {
        const res = await search(s.cast.agency_rep, query).expect(200);
        for (const hit of res.body.items) expect(JSON.stringify(hit)).not.toMatch(/клиник|Вторая|зебра/);
      }
      expect(idsOf(await search(s.cast.member, { q: 'зебра' }).expect(200))).toEqual([p.id]);
    });

    it('uses the GIN index for the full-text match', async () => {
      // A council of a few thousand proposals, so the plan reflects a real one rather than a handful of rows.
      await t.db.query(
        `INSERT INTO proposals (council_id, working_group_id, status, current_version, title, summary, body)
         SELECT $1, $2, 'in_deliberation', 1, 'Filler ' || g, 'Routine matter number ' || g, 'Nothing about the subject of the search, item ' || g
           FROM generate_series(1, 3000) g`,
        [s.council.id, groupA],
      );
      await t.db.query('ANALYZE proposals');
      await t.db.query('ANALYZE proposal_search');
      const { sql, params } = SearchRepository.build(
        { councilId: s.council.id, all: true, council: false, observer: false, groupIds: [], agencyIds: [] },
        { q: 'смертная казнь' },
        null,
        51,
      );
      const runner = t.db.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        // Proves the match can be served by the GIN index; at 100,000 proposals (npm run bench:search) the planner picks it unprompted.
        await runner.query('SET LOCAL enable_seqscan = off');
        const plan: { 'QUERY PLAN': string }[] = await runner.query(`EXPLAIN ${sql}`, params);
        expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('ix_proposal_search_document');
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    });
  });
});
