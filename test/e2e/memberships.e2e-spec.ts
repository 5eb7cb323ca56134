import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';
import { addMembership, API, bearer, councilWithCast, createAgency, createCouncil, createUser, Session } from '../support/factories';
import { isoDay } from '../support/dates';
import { expectProblem, ISO_INSTANT, UUID } from '../support/problems';

type Cast = Awaited<ReturnType<typeof councilWithCast>>;
const idsOf = (res: { body: { items: { id: string }[] } }) => res.body.items.map((m) => m.id);

describe('memberships and composition', () => {
  let t: TestApp;
  let c: Cast;
  let councilId: string;

  beforeAll(async () => {
    t = await startTestApp();
    c = await councilWithCast(t);
    councilId = c.council.id;
  });
  afterAll(() => t.close());

  const newUser = () => createUser(t, c.admin, 'seat');
  const postMembership = (by: Session | null, body: Record<string, unknown>, council = councilId) => {
    const req = t.http().post(`${API}/councils/${council}/memberships`);
    return (by ? req.set(bearer(by)) : req).send({ startsOn: '2024-01-01', attributes: {}, ...body });
  };
  const patch = (by: Session, id: string, body: Record<string, unknown>) => t.http().patch(`${API}/memberships/${id}`).set(bearer(by)).send(body);
  const listAt = (by: Session, at?: string, council = councilId) =>
    t.http().get(`${API}/councils/${council}/memberships`).query(at ? { at, limit: 200 } : { limit: 200 }).set(bearer(by));

  describe('POST /councils/:councilId/memberships', () => {
    it('lets the secretariat give a seat: 201 with the membership', async () => {
      const u = await newUser();
      const res = await postMembership(c.cast.secretariat, { userId: u.userId, roles: ['member'], attributes: { sector: 'law', stance: 'moderate' }, startsOn: '2024-02-29' });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        councilId,
        userId: u.userId,
        user: { id: u.userId, fullName: expect.any(String), email: u.email },
        roles: ['member'],
        agencyId: null,
        attributes: { sector: 'law', stance: 'moderate' },
        startsOn: '2024-02-29',
        endsOn: null,
        createdAt: expect.stringMatching(ISO_INSTANT),
        updatedAt: expect.stringMatching(ISO_INSTANT),
      });
      const me = await t.http().get(`${API}/auth/me`).set(bearer(u)).expect(200);
      expect(me.body.memberships).toEqual([{ id: res.body.id, councilId, roles: ['member'], agencyId: null, startsOn: '2024-02-29', endsOn: null }]);
    });

    it('lets the admin give a seat, and an agency representative seat with its agency', async () => {
      const u = await newUser();
      const res = await postMembership(c.admin, { userId: u.userId, roles: ['agency_rep'], agencyId: c.agency.id, endsOn: '2030-12-31' });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 201, body: { roles: ['agency_rep'], agencyId: c.agency.id, endsOn: '2030-12-31', attributes: {} } });
    });

    it.each(['member', 'chair', 'moderator', 'observer', 'agency_rep'] as const)('refuses %s with 403 and writes nothing', async (role) => {
      const u = await newUser();
      expectProblem(await postMembership(c.cast[role], { userId: u.userId, roles: ['member'] }), 403);
      const me = await t.http().get(`${API}/auth/me`).set(bearer(u)).expect(200);
      expect(me.body.memberships).toEqual([]);
    });

    it('answers 404 to an outsider, and to a secretariat of another council', async () => {
      const u = await newUser();
      expectProblem(await postMembership(c.outsider, { userId: u.userId, roles: ['member'] }), 404);
      const other = await createCouncil(t, c.admin);
      const otherSecretary = await newUser();
      await addMembership(t, c.admin, other.id, otherSecretary.userId, { roles: ['secretariat'] });
      expectProblem(await postMembership(otherSecretary, { userId: u.userId, roles: ['member'] }), 404);
    });

    it('answers 404 for an unknown council and 401 without a token', async () => {
      const u = await newUser();
      expectProblem(await postMembership(c.cast.secretariat, { userId: u.userId, roles: ['member'] }, randomUUID()), 404);
      expectProblem(await postMembership(null, { userId: u.userId, roles: ['member'] }), 401);
    });

    it('requires agencyId for an agency representative (400 naming agencyId)', async () => {
      const u = await newUser();
      expectProblem(await postMembership(c.cast.secretariat, { userId: u.userId, roles: ['agency_rep'] }), 400, ['agencyId']);
    });

    it('refuses agencyId without agency_rep (400 naming agencyId)', async () => {
      const u = await newUser();
      expectProblem(await postMembership(c.cast.secretariat, { userId: u.userId, roles: ['member'], agencyId: c.agency.id }), 400, ['agencyId']);
    });

    it('refuses an agency representative holding another role (400 naming roles)', async () => {
      const u = await newUser();
      expectProblem(await postMembership(c.cast.secretariat, { userId: u.userId, roles: ['agency_rep', 'member'], agencyId: c.agency.id }), 400, ['roles']);
    });

    it("refuses another council's agency, or an unknown one (400 naming agencyId)", async () => {
      const other = await createCouncil(t, c.admin);
      const foreign = await createAgency(t, c.admin, other.id);
      const u = await newUser();
      expectProblem(await postMembership(c.cast.secretariat, { userId: u.userId, roles: ['agency_rep'], agencyId: foreign.id }), 400, ['agencyId']);
      expectProblem(await postMembership(c.cast.secretariat, { userId: u.userId, roles: ['agency_rep'], agencyId: randomUUID() }), 400, ['agencyId']);
    });

    it('refuses an attribute that is not a balance dimension (400 naming attributes.<key>)', async () => {
      const u = await newUser();
      const res = await postMembership(c.cast.secretariat, { userId: u.userId, roles: ['member'], attributes: { sector: 'law', region: 'north' } });
      expectProblem(res, 400, ['attributes.region']);
      expect(res.body.errors.map((e: { field: string }) => e.field)).not.toContain('attributes.sector');
    });

    it.each([[{ sector: '' }], [{ sector: 7 }], [{ sector: 'x'.repeat(201) }]])('refuses attribute value %j (400 naming attributes.sector)', async (attributes) => {
      const u = await newUser();
      expectProblem(await postMembership(c.cast.secretariat, { userId: u.userId, roles: ['member'], attributes }), 400, ['attributes.sector']);
    });

    it('refuses an unknown user (400 naming userId)', async () => {
      expectProblem(await postMembership(c.cast.secretariat, { userId: randomUUID(), roles: ['member'] }), 400, ['userId']);
    });

    it('refuses an end before the start (400 naming endsOn) but accepts a one-day term', async () => {
      const u = await newUser();
      expectProblem(await postMembership(c.cast.secretariat, { userId: u.userId, roles: ['member'], startsOn: '2024-05-02', endsOn: '2024-05-01' }), 400, ['endsOn']);
      const res = await postMembership(c.cast.secretariat, { userId: u.userId, roles: ['member'], startsOn: '2024-05-02', endsOn: '2024-05-02' });
      expect(res.status).toBe(201);
    });

    it.each([
      [{ roles: [] }, 'roles'],
      [{ roles: ['president'] }, 'roles'],
      [{ roles: ['member', 'member'] }, 'roles'],
      [{ roles: 'member' }, 'roles'],
      [{ startsOn: '2023-02-29' }, 'startsOn'],
      [{ startsOn: '01/01/2024' }, 'startsOn'],
      [{ endsOn: '2024-13-01' }, 'endsOn'],
      [{ userId: 'nope' }, 'userId'],
      [{ attributes: ['law'] }, 'attributes'],
      [{ isAdmin: true }, 'isAdmin'],
    ])('refuses malformed %j with 400 naming %s', async (override, field) => {
      const u = await newUser();
      expectProblem(await postMembership(c.cast.secretariat, { userId: u.userId, roles: ['member'], ...override }), 400, [field]);
    });

    it('validates the body before reach and role (400 for an outsider and for a member)', async () => {
      expectProblem(await postMembership(c.outsider, { userId: 'nope', roles: ['member'] }), 400, ['userId']);
      expectProblem(await postMembership(c.cast.member, { userId: 'nope', roles: ['member'] }), 400, ['userId']);
    });

    it('refuses an overlapping term of the same user (409) and accepts a later one (rotation)', async () => {
      const u = await newUser();
      const first = await postMembership(c.cast.secretariat, { userId: u.userId, roles: ['member'], startsOn: '2021-01-01', endsOn: '2021-12-31' });
      expect(first.status).toBe(201);
      const overlapping = [{ startsOn: '2021-12-31' }, { startsOn: '2020-01-01', endsOn: '2021-01-01' }, { startsOn: '2021-03-01', endsOn: '2021-04-01' }, { startsOn: '2019-01-01' }];
      for (const term of overlapping) {
        expectProblem(await postMembership(c.cast.secretariat, { userId: u.userId, roles: ['observer'], ...term }), 409);
      }
      const later = await postMembership(c.cast.secretariat, { userId: u.userId, roles: ['member'], startsOn: '2022-01-01' });
      expect(later.status).toBe(201);
      const earlier = await postMembership(c.cast.secretariat, { userId: u.userId, roles: ['member'], startsOn: '2020-01-01', endsOn: '2020-12-31' });
      expect(earlier.status).toBe(201);
      expectProblem(await postMembership(c.cast.secretariat, { userId: u.userId, roles: ['member'], startsOn: '2030-01-01' }), 409);
      const rows = await t.db.query('SELECT count(*)::int AS n FROM memberships WHERE user_id = $1', [u.userId]);
      expect(rows[0].n).toBe(3);
    });

    it('lets only one of several concurrent overlapping terms in (the others 409, never 500)', async () => {
      const u = await newUser();
      const starts = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-06'];
      const results = await Promise.all(starts.map((startsOn) => postMembership(c.cast.secretariat, { userId: u.userId, roles: ['member'], startsOn })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) expectProblem(r, 409);
      const rows = await t.db.query('SELECT count(*)::int AS n FROM memberships WHERE user_id = $1', [u.userId]);
      expect(rows[0].n).toBe(1);
    });

    it('allows the same user a seat in another council over the same dates', async () => {
      const other = await createCouncil(t, c.admin);
      const res = await postMembership(c.admin, { userId: c.cast.member.userId, roles: ['member'], startsOn: '2020-01-01' }, other.id);
      expect(res.status).toBe(201);
    });
  });

  describe('PATCH /memberships/:membershipId', () => {
    it('ends a term (rotation): 200, and the history stays', async () => {
      const u = await newUser();
      const m = await addMembership(t, c.admin, councilId, u.userId, { roles: ['member'], attributes: { sector: 'law' }, startsOn: '2020-01-01' });
      const res = await patch(c.cast.secretariat, m.id, { endsOn: isoDay(-1) });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { id: m.id, endsOn: isoDay(-1), startsOn: '2020-01-01', roles: ['member'], user: { id: u.userId } } });
      expect(idsOf(await listAt(c.cast.member, '2021-06-01').expect(200))).toContain(m.id);
      expect(idsOf(await listAt(c.cast.member, isoDay(-1)).expect(200))).toContain(m.id);
      expect(idsOf(await listAt(c.cast.member, isoDay(0)).expect(200))).not.toContain(m.id);
      expect(idsOf(await listAt(c.cast.member).expect(200))).not.toContain(m.id);
      // The next term starts today.
      const next = await addMembership(t, c.admin, councilId, u.userId, { roles: ['member'], attributes: { sector: 'media' }, startsOn: isoDay(0) });
      expect(idsOf(await listAt(c.cast.member, isoDay(0)).expect(200))).toEqual(expect.arrayContaining([next.id]));
      // A term that already ended is history: any change is refused.
      expectProblem(await patch(c.cast.secretariat, m.id, { endsOn: isoDay(5) }), 409);
      expectProblem(await patch(c.cast.secretariat, m.id, { attributes: { sector: 'economics' } }), 409);
      expectProblem(await patch(c.cast.secretariat, m.id, { roles: ['observer'] }), 409);
      const [row] = await t.db.query('SELECT ends_on::text AS "endsOn", roles, attributes FROM memberships WHERE id = $1', [m.id]);
      expect(row).toEqual({ endsOn: isoDay(-1), roles: ['member'], attributes: { sector: 'law' } });
    });

    it('refuses to change a term recorded as already ended (409)', async () => {
      const u = await newUser();
      const m = await addMembership(t, c.admin, councilId, u.userId, { roles: ['member'], startsOn: '2019-01-01', endsOn: '2019-12-31' });
      expectProblem(await patch(c.cast.secretariat, m.id, { endsOn: null }), 409);
      expectProblem(await patch(c.admin, m.id, { endsOn: '2020-06-30' }), 409);
    });

    it('changes the roles and attributes of an ongoing term', async () => {
      const u = await newUser();
      const m = await addMembership(t, c.admin, councilId, u.userId, { roles: ['member'], attributes: { sector: 'law' }, startsOn: isoDay(0) });
      const res = await patch(c.cast.secretariat, m.id, { roles: ['member', 'moderator'], attributes: { stance: 'moderate' } });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { roles: ['member', 'moderator'], attributes: { sector: 'law', stance: 'moderate' }, endsOn: null } });
    });

    it('refuses an end before the start (400 naming endsOn) and an unknown attribute (400)', async () => {
      const u = await newUser();
      const m = await addMembership(t, c.admin, councilId, u.userId, { roles: ['member'], startsOn: isoDay(0) });
      expectProblem(await patch(c.cast.secretariat, m.id, { endsOn: isoDay(-1) }), 400, ['endsOn']);
      expectProblem(await patch(c.cast.secretariat, m.id, { attributes: { region: 'north' } }), 400, ['attributes.region']);
      expectProblem(await patch(c.cast.secretariat, m.id, { roles: ['agency_rep'] }), 400, ['roles']);
      expectProblem(await patch(c.cast.secretariat, m.id, { endsOn: '2024-02-30', colour: 'red' }), 400, ['endsOn', 'colour']);
    });

    it('refuses a longer term that would overlap the next one (409)', async () => {
      const u = await newUser();
      const m = await addMembership(t, c.admin, councilId, u.userId, { roles: ['member'], startsOn: isoDay(0), endsOn: isoDay(30) });
      await addMembership(t, c.admin, councilId, u.userId, { roles: ['member'], startsOn: isoDay(31) });
      expectProblem(await patch(c.cast.secretariat, m.id, { endsOn: null }), 409);
      expectProblem(await patch(c.cast.secretariat, m.id, { endsOn: isoDay(31) }), 409);
      expect((await patch(c.cast.secretariat, m.id, { endsOn: isoDay(10) })).status).toBe(200);
    });

    it.each(['member', 'chair', 'moderator', 'observer', 'agency_rep'] as const)('refuses %s with 403', async (role) => {
      const u = await newUser();
      const m = await addMembership(t, c.admin, councilId, u.userId, { roles: ['member'], startsOn: isoDay(0) });
      expectProblem(await patch(c.cast[role], m.id, { endsOn: isoDay(3) }), 403);
      const [row] = await t.db.query('SELECT ends_on FROM memberships WHERE id = $1', [m.id]);
      expect(row.ends_on).toBeNull();
    });

    it('answers 404 to an outsider, for an unknown membership, and 400 for a non-uuid id', async () => {
      expectProblem(await patch(c.outsider, c.cast.member.membershipId, { endsOn: isoDay(3) }), 404);
      expectProblem(await patch(c.cast.secretariat, randomUUID(), { endsOn: isoDay(3) }), 404);
      expectProblem(await patch(c.cast.secretariat, 'not-a-uuid', { endsOn: isoDay(3) }), 400, ['membershipId']);
      expectProblem(await t.http().patch(`${API}/memberships/${c.cast.member.membershipId}`).send({ endsOn: isoDay(3) }), 401);
    });
  });

  describe('GET /councils/:councilId/memberships?at=', () => {
    let termId: string;
    beforeAll(async () => {
      const u = await newUser();
      termId = (await addMembership(t, c.admin, councilId, u.userId, { roles: ['member'], startsOn: '2021-03-01', endsOn: '2021-03-31' })).id;
    });

    it.each([
      ['2021-02-28', false],
      ['2021-03-01', true],
      ['2021-03-15', true],
      ['2021-03-31', true],
      ['2021-04-01', false],
    ])('at=%s lists the term: %s (both ends inclusive)', async (at, listed) => {
      const res = await listAt(c.cast.observer, at as string).expect(200);
      expect(idsOf(res).includes(termId)).toBe(listed);
      expect(res.body.nextCursor).toBeNull();
    });

    it('defaults to today and lists the whole cast, each with its user', async () => {
      const res = await listAt(c.cast.agency_rep).expect(200);
      const castIds = Object.values(c.cast).map((s) => s.membershipId);
      expect(idsOf(res)).toEqual(expect.arrayContaining(castIds));
      const rep = res.body.items.find((m: { id: string }) => m.id === c.cast.agency_rep.membershipId);
      expect(rep).toMatchObject({ roles: ['agency_rep'], agencyId: c.agency.id, user: { id: c.cast.agency_rep.userId } });
    });

    it('pages with a cursor without duplicates', async () => {
      const all = idsOf(await listAt(c.cast.member, '2021-03-15').expect(200));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const q: Record<string, string | number> = { at: '2021-03-15', limit: 3 };
        if (cursor) q.cursor = cursor;
        const res = await t.http().get(`${API}/councils/${councilId}/memberships`).query(q).set(bearer(c.cast.member)).expect(200);
        seen.push(...idsOf(res));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all);
      expect(all.length).toBeGreaterThan(3);
    });

    it('refuses a malformed date (400 naming at), an outsider (404), no token (401)', async () => {
      expectProblem(await listAt(c.cast.member, '2021-02-30'), 400, ['at']);
      expectProblem(await listAt(c.outsider, '2021-03-15'), 404);
      expectProblem(await t.http().get(`${API}/councils/${councilId}/memberships`), 401);
    });
  });

  describe('OpenAPI document', () => {
    it('types the nullable membership fields as strings', async () => {
      const { schemas } = (await t.http().get('/docs-json').expect(200)).body.components;
      expect(schemas.CreateMembershipDto.properties.agencyId).toMatchObject({ type: ['string', 'null'], format: 'uuid' });
      expect(schemas.CreateMembershipDto.properties.endsOn).toMatchObject({ type: ['string', 'null'], format: 'date' });
      expect(schemas.UpdateMembershipDto.properties.endsOn).toMatchObject({ type: ['string', 'null'], format: 'date' });
      expect(schemas.MembershipDto.properties.endsOn).toMatchObject({ type: ['string', 'null'] });
    });
  });

  describe('GET /councils/:councilId/composition?at=', () => {
    let council: string;
    let viewer: Session;
    beforeAll(async () => {
      const admin = c.admin;
      council = (await createCouncil(t, admin)).id;
      const agency = await createAgency(t, admin, council);
      const seat = async (body: Parameters<typeof addMembership>[4], userId?: string) =>
        (await addMembership(t, admin, council, userId ?? (await newUser()).userId, body)).userId;
      viewer = await newUser();
      await addMembership(t, admin, council, viewer.userId, { roles: ['observer'], attributes: { sector: 'law', stance: 'moderate' } });
      await seat({ roles: ['member'], attributes: { sector: 'law', stance: 'moderate' }, startsOn: '2020-01-01' });
      await seat({ roles: ['member'], attributes: { sector: 'economics', stance: 'tolerant' }, startsOn: '2020-01-01' });
      await seat({ roles: ['member', 'chair'], attributes: { sector: 'economics', stance: 'moderate' }, startsOn: '2020-01-01' });
      // Rotation: one seat changes hands on 2023-01-01; the same user also rotates to new attributes.
      const rotated = await seat({ roles: ['member'], attributes: { sector: 'law', stance: 'national' }, startsOn: '2020-01-01', endsOn: '2022-12-31' });
      await seat({ roles: ['member'], attributes: { sector: 'media' }, startsOn: '2023-01-01' }, rotated);
      // Not voting members: they never count.
      await seat({ roles: ['agency_rep'], agencyId: agency.id, attributes: { sector: 'law' }, startsOn: '2020-01-01' });
      await seat({ roles: ['secretariat', 'moderator'], attributes: { sector: 'law' }, startsOn: '2020-01-01' });
      await seat({ roles: ['observer'], attributes: { sector: 'economics' }, startsOn: '2020-01-01' });
    });

    const composition = (by: Session, at?: string) =>
      t.http().get(`${API}/councils/${council}/composition`).query(at ? { at } : {}).set(bearer(by));

    it('counts the members whose term covers a past date', async () => {
      const res = await composition(viewer, '2022-12-31').expect(200);
      expect(res.body).toEqual({ at: '2022-12-31', total: 4, dimensions: { sector: { law: 2, economics: 2 }, stance: { moderate: 2, tolerant: 1, national: 1 } } });
    });

    it('shows the present composition after the rotation, different from the past', async () => {
      const expected = { total: 4, dimensions: { sector: { law: 1, economics: 2, media: 1 }, stance: { moderate: 2, tolerant: 1, unspecified: 1 } } };
      expect((await composition(viewer, '2023-01-01').expect(200)).body).toEqual({ at: '2023-01-01', ...expected });
      expect((await composition(viewer).expect(200)).body).toEqual({ at: isoDay(0), ...expected });
    });

    it('is empty before anyone held a seat', async () => {
      const res = await composition(viewer, '2019-12-31').expect(200);
      expect(res.body).toEqual({ at: '2019-12-31', total: 0, dimensions: { sector: {}, stance: {} } });
    });

    it('refuses a malformed date (400 naming at), an outsider (404)', async () => {
      expectProblem(await composition(viewer, '20230101'), 400, ['at']);
      expectProblem(await composition(c.outsider, '2023-01-01'), 404);
      await composition(c.admin, '2023-01-01').expect(200);
    });
  });

  describe('personal data in the membership list', () => {
    it('shows email addresses to the secretariat only; the rest of the council sees names', async () => {
      const staff = await listAt(c.cast.secretariat).expect(200);
      const member = await listAt(c.cast.member).expect(200);
      expect(staff.body.items.every((m: { user: { email: string | null } }) => typeof m.user.email === 'string')).toBe(true);
      expect(member.body.items.length).toBe(staff.body.items.length);
      for (const m of member.body.items) {
        expect(m.user.email).toBeNull();
        expect(typeof m.user.fullName).toBe('string');
      }
    });
  });
});
