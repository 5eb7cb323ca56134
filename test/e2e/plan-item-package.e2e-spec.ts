import { randomBytes } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';
import { addToGroup, API, bearer, councilWithCast, createCouncil, createGroup, createMember, createProposal, Session } from '../support/factories';
import { isoDay } from '../support/dates';
import { expectProblem, ISO_INSTANT } from '../support/problems';

type Cast = Awaited<ReturnType<typeof councilWithCast>>;
type Item = { id: string; reformPackageId: string | null; stage: string; updatedAt: string };
type Row = { id: string | null; items: number; byStage: Record<string, number> };
const unique = () => randomBytes(4).toString('hex');
const NO_SUCH = '00000000-0000-4000-8000-000000000000';

/**
 * PATCH /plan-items/:itemId {reformPackageId}: the secretariat files an existing
 * item under a reform package of its council, another one, or none (null).
 */
describe('moving a plan item between reform packages', () => {
  let t: TestApp;
  let c: Cast;
  let councilId: string;
  let groupId: string;
  let planId: string;
  let first: string;
  let second: string;
  let foreignPackage: string;
  let otherSecretariat: Session;

  const http = (by: Session | null, itemId: string, body: unknown) => {
    const req = t.http().patch(`${API}/plan-items/${itemId}`);
    return (by ? req.set(bearer(by)) : req).send(body as object);
  };
  const move = (itemId: string, reformPackageId: string | null, by: Session = c.cast.secretariat) => http(by, itemId, { reformPackageId });
  const get = (by: Session, path: string) => t.http().get(`${API}${path}`).set(bearer(by));
  const newPackage = async (by: Session, council: string) => {
    const res = await t.http().post(`${API}/councils/${council}/reform-packages`).set(bearer(by)).send({ title: `Package ${unique()}`, announcedOn: isoDay() });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const newItem = async (extra: Record<string, unknown> = {}) => {
    const p = await createProposal(t, c.cast.member, groupId);
    await t.db.query(`UPDATE proposals SET status = 'supported' WHERE id = $1`, [p.id]);
    const res = await t
      .http()
      .post(`${API}/plans/${planId}/items`)
      .set(bearer(c.cast.secretariat))
      .send({ proposalId: p.id, title: `Act ${unique()}`, responsibleAgencyId: c.agency.id, deliverable: 'decree', dueOn: isoDay(30), ...extra });
    expect(res.status).toBe(201);
    return res.body as Item;
  };
  /** The item as the council's list shows it. */
  const listed = async (itemId: string) => ((await get(c.cast.member, `/councils/${councilId}/plan-items?limit=200`).expect(200)).body.items as Item[]).find((i) => i.id === itemId);
  const stored = async (itemId: string) => (await t.db.query('SELECT reform_package_id AS "reformPackageId", updated_at AS "updatedAt" FROM plan_items WHERE id = $1', [itemId]))[0] as { reformPackageId: string | null; updatedAt: Date };
  const moves = async (itemId: string) =>
    (await t.db.query(`SELECT actor_user_id AS "actorUserId", object_type AS "objectType", summary FROM audit_entries WHERE object_id = $1 AND action = 'plan_item.package_changed' ORDER BY seq`, [itemId])) as {
      actorUserId: string;
      objectType: string;
      summary: { before: { reformPackageId: string | null }; after: { reformPackageId: string | null } };
    }[];
  const byPackage = async () => (await get(c.cast.member, `/councils/${councilId}/implementation-summary`).expect(200)).body.byReformPackage as Row[];
  const itemsIn = (rows: Row[], pkg: string | null) => rows.find((r) => r.id === pkg)?.items ?? 0;

  beforeAll(async () => {
    t = await startTestApp();
    c = await councilWithCast(t);
    councilId = c.council.id;
    groupId = (await createGroup(t, c.admin, councilId)).id;
    await addToGroup(t, c.admin, groupId, c.cast.member.membershipId);
    const plan = await t.http().post(`${API}/councils/${councilId}/plans`).set(bearer(c.cast.secretariat)).send({ title: `Plan ${unique()}` });
    expect(plan.status).toBe(201);
    planId = plan.body.id;
    first = await newPackage(c.cast.secretariat, councilId);
    second = await newPackage(c.cast.secretariat, councilId);
    const other = await createCouncil(t, c.admin);
    otherSecretariat = await createMember(t, c.admin, other.id, 'other secretariat', ['secretariat']);
    foreignPackage = await newPackage(otherSecretariat, other.id);
  });
  afterAll(() => t.close());

  describe('the secretariat', () => {
    let item: Item;
    beforeAll(async () => {
      item = await newItem();
    });

    it('moves an item in no package into one (200, the item as the lists show it), audited, and the rollup follows', async () => {
      const before = await byPackage();
      const res = await move(item.id, first);
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { id: item.id, reformPackageId: first, stage: 'planned' } });
      expect(res.body.updatedAt).toMatch(ISO_INSTANT);
      expect(res.body).toEqual(await listed(item.id));
      expect((await get(c.cast.member, `/councils/${councilId}/plan-items?reformPackageId=${first}`).expect(200)).body.items.map((i: Item) => i.id)).toEqual([item.id]);
      const after = await byPackage();
      expect(itemsIn(after, first)).toBe(itemsIn(before, first) + 1);
      expect(itemsIn(after, null)).toBe(itemsIn(before, null) - 1);
      expect(after.find((r) => r.id === first)!.byStage).toMatchObject({ planned: 1 });
      expect(await moves(item.id)).toEqual([{ actorUserId: c.cast.secretariat.userId, objectType: 'plan_item', summary: { before: { reformPackageId: null }, after: { reformPackageId: first } } }]);
    });

    it('moves it to another package of the council', async () => {
      const res = await move(item.id, second);
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { id: item.id, reformPackageId: second } });
      expect((await stored(item.id)).reformPackageId).toBe(second);
      const rows = await byPackage();
      expect(itemsIn(rows, first)).toBe(0);
      expect(itemsIn(rows, second)).toBe(1);
      expect((await get(c.cast.member, `/councils/${councilId}/plan-items?reformPackageId=${first}`).expect(200)).body.items).toEqual([]);
      expect((await moves(item.id)).map((m) => m.summary)).toEqual([
        { before: { reformPackageId: null }, after: { reformPackageId: first } },
        { before: { reformPackageId: first }, after: { reformPackageId: second } },
      ]);
    });

    it('takes it out of any package with null', async () => {
      const before = await byPackage();
      const res = await move(item.id, null);
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { id: item.id, reformPackageId: null } });
      expect(await listed(item.id)).toEqual(res.body);
      const after = await byPackage();
      expect(itemsIn(after, second)).toBe(itemsIn(before, second) - 1);
      expect(itemsIn(after, null)).toBe(itemsIn(before, null) + 1);
      expect((await moves(item.id)).at(-1)!.summary).toEqual({ before: { reformPackageId: second }, after: { reformPackageId: null } });
    });

    it('answers 200 and writes nothing when the item is already where it is asked to go', async () => {
      const was = await stored(item.id);
      const count = (await moves(item.id)).length;
      const res = await move(item.id, null);
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { id: item.id, reformPackageId: null } });
      expect(await stored(item.id)).toEqual(was);
      expect(await moves(item.id)).toHaveLength(count);
    });

    it('moves an item in force and a cancelled one too: the package is bookkeeping, not a stage', async () => {
      const done = await newItem({ reformPackageId: first });
      const dropped = await newItem();
      await t.http().post(`${API}/plan-items/${done.id}/updates`).set(bearer(c.cast.agency_rep)).send({ stage: 'in_force', note: 'in force' }).expect(201);
      await t.http().post(`${API}/plan-items/${dropped.id}/updates`).set(bearer(c.cast.secretariat)).send({ stage: 'cancelled', note: 'dropped' }).expect(201);
      const a = await move(done.id, second);
      expect({ status: a.status, body: a.body }).toMatchObject({ status: 200, body: { reformPackageId: second, stage: 'in_force', progress: 100 } });
      const b = await move(dropped.id, first);
      expect({ status: b.status, body: b.body }).toMatchObject({ status: 200, body: { reformPackageId: first, stage: 'cancelled' } });
      const rows = await byPackage();
      expect(rows.find((r) => r.id === second)!.byStage).toMatchObject({ in_force: 1 });
      expect(rows.find((r) => r.id === first)!.byStage).toMatchObject({ cancelled: 1 });
      // The stage history is untouched by a move.
      expect((await get(c.cast.member, `/plan-items/${done.id}/updates`).expect(200)).body.items).toHaveLength(1);
    });

    it('keeps the audit chain whole', async () => {
      expect((await get(c.cast.secretariat, `/councils/${councilId}/audit/verify`).expect(200)).body).toMatchObject({ ok: true });
    });
  });

  describe('refusals change nothing', () => {
    let item: Item;
    let was: { reformPackageId: string | null; updatedAt: Date };
    beforeAll(async () => {
      item = await newItem({ reformPackageId: first });
      was = await stored(item.id);
    });
    afterEach(async () => {
      expect(await stored(item.id)).toEqual(was);
      expect(await moves(item.id)).toEqual([]);
    });

    it('refuses a package of another council and an unknown one as on creation: 400 naming reformPackageId', async () => {
      expectProblem(await move(item.id, foreignPackage), 400, ['reformPackageId']);
      expectProblem(await move(item.id, NO_SUCH), 400, ['reformPackageId']);
    });

    it.each([
      ['a missing field', {}, 'reformPackageId'],
      ['not a uuid', { reformPackageId: 'first' }, 'reformPackageId'],
      ['a number', { reformPackageId: 7 }, 'reformPackageId'],
      ['an unknown field', { reformPackageId: second, stage: 'drafting' }, 'stage'],
    ])('refuses %s (400 naming the field)', async (_what, body, field) => {
      const res = await http(c.cast.secretariat, item.id, body);
      expectProblem(res, 400, [field]);
    });

    it('refuses a body that is not an object (400)', async () => {
      expectProblem(await t.http().patch(`${API}/plan-items/${item.id}`).set(bearer(c.cast.secretariat)).set('Content-Type', 'application/json').send('[]'), 400, ['body']);
    });

    it('answers every role but the secretariat 403 (member, agency representative, moderator, chair, observer)', async () => {
      for (const role of ['member', 'agency_rep', 'moderator', 'chair', 'observer'] as const) {
        expectProblem(await move(item.id, second, c.cast[role]), 403);
        expectProblem(await move(item.id, null, c.cast[role]), 403);
      }
    });

    it("answers another council's secretariat and an outsider 404, no token 401", async () => {
      expectProblem(await move(item.id, second, otherSecretariat), 404);
      expectProblem(await move(item.id, foreignPackage, otherSecretariat), 404);
      expectProblem(await move(item.id, second, c.outsider), 404);
      expectProblem(await http(null, item.id, { reformPackageId: second }), 401);
    });

    it('answers an unknown item 404 and an item id that is not a uuid 400', async () => {
      expectProblem(await move(NO_SUCH, second), 404);
      expectProblem(await move('not-a-uuid', second), 400);
    });
  });

  it('documents the route in the OpenAPI document', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body;
    const op = doc.paths[`${API}/plan-items/{itemId}`]?.patch;
    expect(op).toBeDefined();
    expect(Object.keys(op.responses)).toContain('200');
  });
});
