import { randomBytes, randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';
import { addMembership, API, bearer, councilWithCast, createCouncil, createUser, Session } from '../support/factories';
import { isoDay } from '../support/dates';
import { expectProblem, ISO_INSTANT, UUID } from '../support/problems';

type Cast = Awaited<ReturnType<typeof councilWithCast>>;
const unique = () => randomBytes(4).toString('hex');
const NON_SECRETARIAT = ['member', 'chair', 'moderator', 'observer', 'agency_rep'] as const;

describe('agencies and working groups', () => {
  let t: TestApp;
  let c: Cast;
  let councilId: string;

  beforeAll(async () => {
    t = await startTestApp();
    c = await councilWithCast(t);
    councilId = c.council.id;
  });
  afterAll(() => t.close());

  const send = (by: Session | null, path: string, body: object) => {
    const req = t.http().post(`${API}${path}`);
    return (by ? req.set(bearer(by)) : req).send(body);
  };
  const get = (by: Session, path: string) => t.http().get(`${API}${path}`).set(bearer(by));

  describe('agencies', () => {
    const postAgency = (by: Session | null, body: object, council = councilId) => send(by, `/councils/${council}/agencies`, body);

    it('lets the secretariat register an agency: 201', async () => {
      const code = `MOJ-${unique()}`;
      const res = await postAgency(c.cast.secretariat, { name: 'Ministry of Justice', code });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
      expect(res.body).toEqual({ id: expect.stringMatching(UUID), councilId, name: 'Ministry of Justice', code, createdAt: expect.stringMatching(ISO_INSTANT) });
    });

    it('lets the admin register an agency', async () => {
      expect((await postAgency(c.admin, { name: 'Ministry of Finance', code: `MOF-${unique()}` })).status).toBe(201);
    });

    it.each(NON_SECRETARIAT)('refuses %s with 403 and writes nothing', async (role) => {
      const code = `X${unique()}`;
      expectProblem(await postAgency(c.cast[role], { name: 'Nope', code }), 403);
      const rows = await t.db.query('SELECT 1 FROM agencies WHERE code = $1', [code]);
      expect(rows).toHaveLength(0);
    });

    it('answers 404 to an outsider and for an unknown council, 401 without a token', async () => {
      expectProblem(await postAgency(c.outsider, { name: 'Nope', code: `X${unique()}` }), 404);
      expectProblem(await postAgency(c.cast.secretariat, { name: 'Nope', code: `X${unique()}` }, randomUUID()), 404);
      expectProblem(await postAgency(null, { name: 'Nope', code: `X${unique()}` }), 401);
    });

    it('refuses a code already used in the council (409), accepts it in another council', async () => {
      const code = `DUP${unique()}`;
      expect((await postAgency(c.cast.secretariat, { name: 'First', code })).status).toBe(201);
      expectProblem(await postAgency(c.cast.secretariat, { name: 'Second', code }), 409);
      const other = await createCouncil(t, c.admin);
      const res = await postAgency(c.admin, { name: 'Elsewhere', code }, other.id);
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 201, body: { code, councilId: other.id } });
    });

    it('lets exactly one of concurrent registrations of one code in (the rest 409)', async () => {
      const code = `RACE${unique()}`;
      const results = await Promise.all([1, 2, 3, 4, 5].map((i) => postAgency(c.cast.secretariat, { name: `Racer ${i}`, code })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    });

    it.each([
      [{ name: 'No code' }, ['code']],
      [{ code: 'NONAME' }, ['name']],
      [{ name: '', code: 'has space' }, ['name', 'code']],
      [{ name: 'X', code: '-dash' }, ['code']],
      [{ name: 'X', code: 'a'.repeat(33) }, ['code']],
      [{ name: 'X', code: 'OK1', councilId: randomUUID() }, ['councilId']],
    ])('refuses %j with 400 naming %j', async (body, fields) => {
      expectProblem(await postAgency(c.cast.secretariat, body), 400, fields);
    });

    it('lists the council agencies to every member of the council, paged', async () => {
      const council = await createCouncil(t, c.admin);
      const viewer = await createUser(t, c.admin, 'viewer');
      await addMembership(t, c.admin, council.id, viewer.userId, { roles: ['observer'] });
      const created: string[] = [];
      for (let i = 0; i < 3; i++) created.push((await postAgency(c.admin, { name: `Agency ${i}`, code: `L${i}${unique()}` }, council.id)).body.id);
      const all = await get(viewer, `/councils/${council.id}/agencies`).expect(200);
      expect(all.body).toEqual({ items: created.map((id) => expect.objectContaining({ id, councilId: council.id })), nextCursor: null });
      const first = await get(viewer, `/councils/${council.id}/agencies?limit=2`).expect(200);
      expect(first.body.items).toHaveLength(2);
      const second = await t.http().get(`${API}/councils/${council.id}/agencies`).query({ limit: 2, cursor: first.body.nextCursor }).set(bearer(viewer)).expect(200);
      expect([...first.body.items, ...second.body.items].map((a: { id: string }) => a.id)).toEqual(created);
      expect(second.body.nextCursor).toBeNull();
    });

    it.each([...NON_SECRETARIAT, 'secretariat'] as const)('lets %s read the list', async (role) => {
      const res = await get(c.cast[role], `/councils/${councilId}/agencies`).expect(200);
      expect(res.body.items.map((a: { id: string }) => a.id)).toContain(c.agency.id);
    });

    it('answers 404 to an outsider reading the list, 400 for limit=201', async () => {
      expectProblem(await get(c.outsider, `/councils/${councilId}/agencies`), 404);
      expectProblem(await get(c.cast.member, `/councils/${councilId}/agencies?limit=201`), 400, ['limit']);
    });
  });

  describe('working groups', () => {
    const postGroup = (by: Session | null, body: object, council = councilId) => send(by, `/councils/${council}/working-groups`, body);
    const addMember = (by: Session | null, groupId: string, body: object) => send(by, `/working-groups/${groupId}/members`, body);
    let groupId: string;

    beforeAll(async () => {
      const res = await postGroup(c.cast.secretariat, { name: `Economic ${unique()}`, mandate: 'Economy and public finance' });
      groupId = res.body.id;
    });

    it('lets the secretariat create a group: 201', async () => {
      const name = `Political ${unique()}`;
      const res = await postGroup(c.cast.secretariat, { name, mandate: '' });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
      expect(res.body).toEqual({ id: expect.stringMatching(UUID), councilId, name, mandate: '', createdAt: expect.stringMatching(ISO_INSTANT) });
    });

    it.each(NON_SECRETARIAT)('refuses %s creating a group with 403', async (role) => {
      expectProblem(await postGroup(c.cast[role], { name: `G ${unique()}`, mandate: 'x' }), 403);
    });

    it('answers 404 to an outsider creating a group, 409 for a name taken in the council, 400 naming fields', async () => {
      expectProblem(await postGroup(c.outsider, { name: `G ${unique()}`, mandate: 'x' }), 404);
      const name = `Social ${unique()}`;
      expect((await postGroup(c.admin, { name, mandate: 'x' })).status).toBe(201);
      expectProblem(await postGroup(c.cast.secretariat, { name, mandate: 'y' }), 409);
      expectProblem(await postGroup(c.cast.secretariat, { name: '', extra: 1 }), 400, ['name', 'mandate', 'extra']);
    });

    it('lists the groups to the council (404 to an outsider)', async () => {
      const res = await get(c.cast.observer, `/councils/${councilId}/working-groups`).expect(200);
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items.map((g: { id: string }) => g.id)).toContain(groupId);
      expectProblem(await get(c.outsider, `/councils/${councilId}/working-groups`), 404);
    });

    it('pages the group list without duplicates', async () => {
      const council = await createCouncil(t, c.admin);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await postGroup(c.admin, { name: `Group ${i}`, mandate: 'm' }, council.id)).body.id);
      const first = await get(c.admin, `/councils/${council.id}/working-groups?limit=2`).expect(200);
      const second = await t.http().get(`${API}/councils/${council.id}/working-groups`).query({ limit: 2, cursor: first.body.nextCursor }).set(bearer(c.admin)).expect(200);
      expect([...first.body.items, ...second.body.items].map((g: { id: string }) => g.id)).toEqual(ids);
      expect(second.body.nextCursor).toBeNull();
    });

    describe('members', () => {
      it('lets the secretariat add a coordinator and a member; the group shows them', async () => {
        const coordinator = await addMember(c.cast.secretariat, groupId, { membershipId: c.cast.member.membershipId, role: 'coordinator' });
        expect({ status: coordinator.status, body: coordinator.body }).toMatchObject({ status: 201 });
        expect(coordinator.body).toEqual({
          id: expect.stringMatching(UUID),
          workingGroupId: groupId,
          membershipId: c.cast.member.membershipId,
          userId: c.cast.member.userId,
          fullName: expect.stringMatching(/^member /),
          role: 'coordinator',
          createdAt: expect.stringMatching(ISO_INSTANT),
        });
        const u = await createUser(t, c.admin, 'Aigerim');
        const m = await addMembership(t, c.admin, councilId, u.userId, { roles: ['member', 'chair'] });
        const plain = await addMember(c.admin, groupId, { membershipId: m.id, role: 'member' });
        expect(plain.status).toBe(201);

        const res = await get(c.cast.agency_rep, `/working-groups/${groupId}`).expect(200);
        expect(res.body).toMatchObject({ id: groupId, councilId, name: expect.any(String), mandate: 'Economy and public finance' });
        expect(res.body.members).toEqual([
          expect.objectContaining({ membershipId: c.cast.member.membershipId, role: 'coordinator', fullName: coordinator.body.fullName, userId: c.cast.member.userId }),
          expect.objectContaining({ membershipId: m.id, role: 'member', fullName: expect.stringMatching(/^Aigerim /), userId: u.userId }),
        ]);
      });

      it('refuses the same membership twice (409)', async () => {
        const u = await createUser(t, c.admin, 'twice');
        const m = await addMembership(t, c.admin, councilId, u.userId, { roles: ['member'] });
        expect((await addMember(c.cast.secretariat, groupId, { membershipId: m.id, role: 'member' })).status).toBe(201);
        expectProblem(await addMember(c.cast.secretariat, groupId, { membershipId: m.id, role: 'coordinator' }), 409);
      });

      it.each(NON_SECRETARIAT)('refuses %s with 403', async (role) => {
        const u = await createUser(t, c.admin, 'candidate');
        const m = await addMembership(t, c.admin, councilId, u.userId, { roles: ['member'] });
        expectProblem(await addMember(c.cast[role], groupId, { membershipId: m.id, role: 'member' }), 403);
        const rows = await t.db.query('SELECT 1 FROM working_group_members WHERE membership_id = $1', [m.id]);
        expect(rows).toHaveLength(0);
      });

      it('answers 404 to an outsider, for an unknown group, 401 without a token', async () => {
        const body = { membershipId: c.cast.chair.membershipId, role: 'member' };
        expectProblem(await addMember(c.outsider, groupId, body), 404);
        expectProblem(await addMember(c.cast.secretariat, randomUUID(), body), 404);
        expectProblem(await addMember(null, groupId, body), 401);
      });

      it("refuses another council's membership, an unknown one, and one without role member (400 naming membershipId)", async () => {
        const other = await createCouncil(t, c.admin);
        const m = await addMembership(t, c.admin, other.id, c.cast.member.userId, { roles: ['member'] });
        expectProblem(await addMember(c.cast.secretariat, groupId, { membershipId: m.id, role: 'member' }), 400, ['membershipId']);
        expectProblem(await addMember(c.cast.secretariat, groupId, { membershipId: randomUUID(), role: 'member' }), 400, ['membershipId']);
        expectProblem(await addMember(c.cast.secretariat, groupId, { membershipId: c.cast.observer.membershipId, role: 'member' }), 400, ['membershipId']);
      });

      it('refuses a membership whose term has ended (400 naming membershipId)', async () => {
        const u = await createUser(t, c.admin, 'former');
        const m = await addMembership(t, c.admin, councilId, u.userId, { roles: ['member'], startsOn: '2020-01-01', endsOn: isoDay(-1) });
        expectProblem(await addMember(c.cast.secretariat, groupId, { membershipId: m.id, role: 'member' }), 400, ['membershipId']);
      });

      it.each([['chair'], ['Coordinator'], [''], [null]])('refuses role %j (400 naming role)', async (role) => {
        expectProblem(await addMember(c.cast.secretariat, groupId, { membershipId: c.cast.chair.membershipId, role }), 400, ['role']);
      });

      it('refuses a malformed body before anything else (400, even for an outsider)', async () => {
        expectProblem(await addMember(c.outsider, groupId, { membershipId: 'x', role: 'member', extra: true }), 400, ['membershipId', 'extra']);
        expectProblem(await addMember(c.cast.secretariat, 'not-a-uuid', { membershipId: c.cast.chair.membershipId, role: 'member' }), 400, ['groupId']);
      });
    });

    describe('GET /working-groups/:groupId', () => {
      it.each([...NON_SECRETARIAT, 'secretariat'] as const)('answers %s', async (role) => {
        const res = await get(c.cast[role], `/working-groups/${groupId}`).expect(200);
        expect(Array.isArray(res.body.members)).toBe(true);
      });

      it('answers 404 to an outsider, to a former member, and for an unknown group; 400 for a non-uuid', async () => {
        expectProblem(await get(c.outsider, `/working-groups/${groupId}`), 404);
        const former = await createUser(t, c.admin, 'former');
        await addMembership(t, c.admin, councilId, former.userId, { roles: ['member'], startsOn: '2020-01-01', endsOn: isoDay(-1) });
        expectProblem(await get(former, `/working-groups/${groupId}`), 404);
        expectProblem(await get(c.cast.member, `/working-groups/${randomUUID()}`), 404);
        expectProblem(await get(c.cast.member, `/working-groups/nope`), 400, ['groupId']);
      });

      it('shows a new group with an empty member list', async () => {
        const g = await postGroup(c.cast.secretariat, { name: `Empty ${unique()}`, mandate: 'm' });
        const res = await get(c.cast.member, `/working-groups/${g.body.id}`).expect(200);
        expect(res.body).toEqual({ ...g.body, members: [] });
      });
    });
  });
});
