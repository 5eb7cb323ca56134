import { randomBytes, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { addMembership, API, bearer, createCouncil, createUser, loginAdmin, Session } from '../support/factories';
import { isoDay } from '../support/dates';
import { expectProblem, fieldsOf, ISO_INSTANT, UUID } from '../support/problems';

const unique = () => randomBytes(4).toString('hex');
const councilBody = (extra: Record<string, unknown> = {}) => ({
  name: `Council ${unique()}`,
  slug: `council-${unique()}`,
  balanceDimensions: ['sector', 'stance'],
  minorityOpinionWindowHours: 48,
  ...extra,
});

describe('councils', () => {
  let t: TestApp;
  let admin: Session;
  let someone: Session;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    someone = await createUser(t, admin, 'someone');
  });
  afterAll(() => t.close());

  const post = (by: Session | null, body: unknown) => {
    const req = t.http().post(`${API}/councils`);
    return (by ? req.set(bearer(by)) : req).send(body as object);
  };

  describe('POST /councils', () => {
    it('lets the admin create a council: 201 with id, createdAt and plenaryQuorum null when absent', async () => {
      const body = councilBody();
      const res = await post(admin, body);
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        name: body.name,
        slug: body.slug,
        balanceDimensions: ['sector', 'stance'],
        minorityOpinionWindowHours: 48,
        plenaryQuorum: null,
        publishOpenData: false,
        proxyVoting: { enabled: false, maxPerDelegate: 1, delegatorMayVote: false, countTowardQuorum: false, onSecretPolls: false },
        petitions: null,
        createdAt: expect.stringMatching(ISO_INSTANT),
        updatedAt: expect.stringMatching(ISO_INSTANT),
      });
      const got = await t.http().get(`${API}/councils/${res.body.id}`).set(bearer(admin)).expect(200);
      expect(got.body).toEqual(res.body);
    });

    it.each([[{ count: 12 }], [{ numerator: 2, denominator: 3 }], [{ numerator: 1, denominator: 1 }]])('stores plenaryQuorum %j', async (plenaryQuorum) => {
      const res = await post(admin, councilBody({ plenaryQuorum }));
      expect(res.status).toBe(201);
      expect(res.body.plenaryQuorum).toEqual(plenaryQuorum);
      const got = await t.http().get(`${API}/councils/${res.body.id}`).set(bearer(admin)).expect(200);
      expect(got.body.plenaryQuorum).toEqual(plenaryQuorum);
    });

    it('accepts an explicit null plenaryQuorum and no balance dimensions', async () => {
      const res = await post(admin, councilBody({ plenaryQuorum: null, balanceDimensions: [] }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ plenaryQuorum: null, balanceDimensions: [] });
    });

    it('refuses a caller without a token (401)', async () => {
      expectProblem(await post(null, councilBody()), 401);
    });

    it('refuses a non-admin (403) and creates nothing', async () => {
      const body = councilBody();
      expectProblem(await post(someone, body), 403);
      // The slug is still free: nothing was written.
      expect((await post(admin, body)).status).toBe(201);
    });

    it('refuses a council member that is not the admin (403)', async () => {
      const c = await createCouncil(t, admin);
      const secretary = await createUser(t, admin, 'secretary');
      await addMembership(t, admin, c.id, secretary.userId, { roles: ['secretariat'] });
      expectProblem(await post(secretary, councilBody()), 403);
    });

    it('answers 409 for a slug that is taken', async () => {
      const first = await post(admin, councilBody());
      expect(first.status).toBe(201);
      const res = await post(admin, councilBody({ slug: first.body.slug }));
      expectProblem(res, 409);
    });

    it('lets exactly one of concurrent creations with one slug in (the rest 409, never 500)', async () => {
      const slug = `race-${unique()}`;
      const results = await Promise.all([1, 2, 3, 4, 5].map(() => post(admin, councilBody({ slug }))));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    });

    it.each(['Upper-Case', 'with space', '-leading', 'trailing-', 'double--dash', 'ünïcode', '', 'a'.repeat(65)])('refuses slug %j with 400 naming slug', async (slug) => {
      expectProblem(await post(admin, councilBody({ slug })), 400, ['slug']);
    });

    it.each([
      [{ numerator: 3, denominator: 2 }],
      [{ count: 0 }],
      [{ count: 1.5 }],
      [{ count: 1e300 }],
      [{ numerator: 2 ** 53, denominator: 2 ** 53 }],
      [{ numerator: 0, denominator: 2 }],
      [{ count: 3, numerator: 1, denominator: 2 }],
      [{ numerator: 1 }],
      ['half'],
      [[1, 2]],
    ])('refuses plenaryQuorum %j with 400 naming plenaryQuorum', async (plenaryQuorum) => {
      expectProblem(await post(admin, councilBody({ plenaryQuorum })), 400, ['plenaryQuorum']);
    });

    it('refuses an unknown field with 400 naming it', async () => {
      const res = await post(admin, councilBody({ colour: 'blue' }));
      expectProblem(res, 400, ['colour']);
    });

    it('names every offending field at once', async () => {
      const res = await post(admin, { name: '', slug: 'Bad Slug', balanceDimensions: ['Sector', 'sector', 'sector'], minorityOpinionWindowHours: -1, extra: 1 });
      expectProblem(res, 400, ['name', 'slug', 'balanceDimensions', 'minorityOpinionWindowHours', 'extra']);
    });

    it('names only the offending fields', async () => {
      const res = await post(admin, councilBody({ minorityOpinionWindowHours: 8761 }));
      expect(fieldsOf(res)).toEqual(['minorityOpinionWindowHours']);
    });

    it('names missing required fields', async () => {
      expectProblem(await post(admin, {}), 400, ['name', 'slug', 'balanceDimensions', 'minorityOpinionWindowHours']);
    });

    it('validates the body before the role check (400 for a non-admin with a bad body)', async () => {
      const res = await post(someone, councilBody({ slug: 'Not A Slug' }));
      expectProblem(res, 400, ['slug']);
    });
  });

  describe('GET /councils', () => {
    let member: Session;
    let mine: string[];
    let notMine: string;

    beforeAll(async () => {
      member = await createUser(t, admin, 'pager');
      mine = [];
      for (let i = 0; i < 3; i++) {
        const c = await createCouncil(t, admin);
        await addMembership(t, admin, c.id, member.userId, { roles: [i === 0 ? 'observer' : 'member'] });
        mine.push(c.id);
      }
      notMine = (await createCouncil(t, admin)).id;
      // Memberships that are not active today do not count.
      const ended = await createCouncil(t, admin);
      await addMembership(t, admin, ended.id, member.userId, { roles: ['member'], startsOn: '2020-01-01', endsOn: isoDay(-1) });
      const future = await createCouncil(t, admin);
      await addMembership(t, admin, future.id, member.userId, { roles: ['member'], startsOn: isoDay(1) });
    });

    it('lists only the councils the caller is an active member of', async () => {
      const res = await t.http().get(`${API}/councils`).set(bearer(member)).expect(200);
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items.map((c: { id: string }) => c.id)).toEqual(mine);
      expect(res.body.items[0]).toMatchObject({ id: mine[0], name: expect.any(String), slug: expect.any(String), plenaryQuorum: null });
    });

    it('pages with limit and nextCursor, without duplicates or gaps', async () => {
      const first = await t.http().get(`${API}/councils?limit=2`).set(bearer(member)).expect(200);
      expect(first.body.items).toHaveLength(2);
      expect(typeof first.body.nextCursor).toBe('string');
      const second = await t.http().get(`${API}/councils`).query({ limit: 2, cursor: first.body.nextCursor }).set(bearer(member)).expect(200);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.nextCursor).toBeNull();
      const ids = [...first.body.items, ...second.body.items].map((c: { id: string }) => c.id);
      expect(ids).toEqual(mine);
      expect(new Set(ids).size).toBe(3);
    });

    it('gives the admin every council, paged to the end', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: Response = await t.http().get(`${API}/councils`).query(cursor ? { limit: 2, cursor } : { limit: 2 }).set(bearer(admin)).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((c: { id: string }) => c.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining([...mine, notMine]));
      const count = await t.db.query('SELECT count(*)::int AS n FROM councils');
      expect(seen).toHaveLength(count[0].n);
    });

    it('gives a user without memberships an empty list', async () => {
      const res = await t.http().get(`${API}/councils`).set(bearer(someone)).expect(200);
      expect(res.body).toEqual({ items: [], nextCursor: null });
    });

    it.each([['limit=201', 'limit'], ['limit=0', 'limit'], ['limit=abc', 'limit'], ['cursor=not-a-cursor', 'cursor']])('refuses ?%s with 400', async (query, field) => {
      const res = await t.http().get(`${API}/councils?${query}`).set(bearer(member));
      expectProblem(res, 400, [field]);
    });

    it('accepts limit=200', async () => {
      await t.http().get(`${API}/councils?limit=200`).set(bearer(member)).expect(200);
    });

    it('refuses a caller without a token (401)', async () => {
      expectProblem(await t.http().get(`${API}/councils`), 401);
    });
  });

  describe('GET /councils/:councilId', () => {
    let councilId: string;
    let member: Session;
    let observer: Session;

    beforeAll(async () => {
      councilId = (await createCouncil(t, admin)).id;
      member = await createUser(t, admin, 'member');
      observer = await createUser(t, admin, 'observer');
      await addMembership(t, admin, councilId, member.userId, { roles: ['member'] });
      await addMembership(t, admin, councilId, observer.userId, { roles: ['observer'], startsOn: isoDay(0) });
    });

    const get = (by: Session, id = councilId) => t.http().get(`${API}/councils/${id}`).set(bearer(by));

    it('answers a member, an observer whose term starts today, and the admin', async () => {
      for (const by of [member, observer, admin]) {
        const res = await get(by);
        expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { id: councilId } });
      }
    });

    it('answers 404 to an outsider (the council is not revealed)', async () => {
      const res = await get(someone);
      expectProblem(res, 404);
      const unknown = await get(someone, randomUUID());
      expect(unknown.body.detail).toBe(res.body.detail);
    });

    it('answers 404 for an unknown uuid, even to the admin', async () => {
      expectProblem(await get(admin, randomUUID()), 404);
      expectProblem(await get(member, randomUUID()), 404);
    });

    it('answers 400 naming councilId for an id that is not a uuid', async () => {
      expectProblem(await get(member, 'not-a-uuid'), 400, ['councilId']);
    });

    it('accepts an upper-case uuid', async () => {
      await get(member, councilId.toUpperCase()).expect(200);
    });

    it('answers 404 to a user whose term ended yesterday', async () => {
      const former = await createUser(t, admin, 'former');
      await addMembership(t, admin, councilId, former.userId, { roles: ['member'], startsOn: '2020-01-01', endsOn: isoDay(-1) });
      expectProblem(await get(former), 404);
    });

    it('answers a user whose term ends today (the end is inclusive)', async () => {
      const leaving = await createUser(t, admin, 'leaving');
      await addMembership(t, admin, councilId, leaving.userId, { roles: ['member'], startsOn: '2020-01-01', endsOn: isoDay(0) });
      await get(leaving).expect(200);
    });

    it('answers 404 to a user whose term starts tomorrow', async () => {
      const incoming = await createUser(t, admin, 'incoming');
      await addMembership(t, admin, councilId, incoming.userId, { roles: ['member'], startsOn: isoDay(1) });
      expectProblem(await get(incoming), 404);
    });

    it('answers 401 without a token', async () => {
      expectProblem(await t.http().get(`${API}/councils/${councilId}`), 401);
    });
  });

  describe('PATCH /councils/:councilId', () => {
    let councilId: string;
    let secretariat: Session;
    let member: Session;
    const patch = (by: Session, body: object, id = councilId) => t.http().patch(`${API}/councils/${id}`).set(bearer(by)).send(body);

    beforeAll(async () => {
      councilId = (await post(admin, { name: 'Settings council', slug: `settings-${randomBytes(3).toString('hex')}`, balanceDimensions: [], minorityOpinionWindowHours: 48 }).expect(201)).body.id;
      secretariat = await createUser(t, admin, 'secretariat');
      member = await createUser(t, admin, 'member');
      await addMembership(t, admin, councilId, secretariat.userId, { roles: ['secretariat'] });
      await addMembership(t, admin, councilId, member.userId, { roles: ['member'] });
    });

    it('sets the minority-opinion window and the plenary quorum, and clears the quorum with null (secretariat)', async () => {
      const set = await patch(secretariat, { minorityOpinionWindowHours: 72, plenaryQuorum: { numerator: 1, denominator: 2 } }).expect(200);
      expect(set.body).toMatchObject({ id: councilId, name: 'Settings council', minorityOpinionWindowHours: 72, plenaryQuorum: { numerator: 1, denominator: 2 } });
      const counted = await patch(admin, { plenaryQuorum: { count: 5 } }).expect(200);
      expect(counted.body).toMatchObject({ minorityOpinionWindowHours: 72, plenaryQuorum: { count: 5 } });
      const cleared = await patch(secretariat, { plenaryQuorum: null }).expect(200);
      expect(cleared.body.plenaryQuorum).toBeNull();
      expect((await t.http().get(`${API}/councils/${councilId}`).set(bearer(admin)).expect(200)).body).toMatchObject({ minorityOpinionWindowHours: 72, plenaryQuorum: null });
    });

    it('refuses a window out of range or a malformed quorum with 400 naming the field, and changes nothing', async () => {
      expectProblem(await patch(secretariat, { minorityOpinionWindowHours: -1 }), 400, ['minorityOpinionWindowHours']);
      expectProblem(await patch(secretariat, { minorityOpinionWindowHours: 9000 }), 400, ['minorityOpinionWindowHours']);
      expectProblem(await patch(secretariat, { plenaryQuorum: { numerator: 3, denominator: 2 } }), 400, ['plenaryQuorum']);
      expect((await t.http().get(`${API}/councils/${councilId}`).set(bearer(admin)).expect(200)).body.minorityOpinionWindowHours).toBe(72);
    });

    it('is for the secretariat and the admin: a member gets 403, an outsider 404', async () => {
      expectProblem(await patch(member, { minorityOpinionWindowHours: 1 }), 403);
      expectProblem(await patch(someone, { minorityOpinionWindowHours: 1 }), 404);
    });
  });
});
