import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';
import { addMembership, API, bearer, councilWithCast, createUser, Session } from '../support/factories';
import { isoDay } from '../support/dates';
import { expectProblem } from '../support/problems';

type Cast = Awaited<ReturnType<typeof councilWithCast>>;

describe('balance targets, balance, candidates and rotation plans', () => {
  let t: TestApp;
  let c: Cast;
  let councilId: string;
  const laws: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    c = await councilWithCast(t);
    councilId = c.council.id;
    // The cast's member has no attributes (sector unspecified). Four lawyers and one economist join it.
    for (let i = 0; i < 4; i++) laws.push((await seat({ sector: 'law', stance: 'left' }, `2020-0${i + 1}-01`)).id);
    await seat({ sector: 'economics', stance: 'right' });
  });
  afterAll(() => t.close());

  const seat = async (attributes: Record<string, string>, startsOn = '2020-01-01') => {
    const u = await createUser(t, c.admin, 'seat');
    return addMembership(t, c.admin, councilId, u.userId, { roles: ['member'], attributes, startsOn });
  };
  const put = (by: Session, body: object, council = councilId) => t.http().put(`${API}/councils/${council}/balance-targets`).set(bearer(by)).send(body);
  const addCandidate = async (attributes: Record<string, string>) => {
    const u = await createUser(t, c.admin, 'candidate');
    const res = await t.http().post(`${API}/councils/${councilId}/candidates`).set(bearer(c.cast.secretariat)).send({ userId: u.userId, attributes });
    expect(res.status).toBe(201);
    return res.body as { id: string; userId: string };
  };
  const plan = (by: Session, body: Record<string, unknown>) => t.http().post(`${API}/councils/${councilId}/rotation-plans`).set(bearer(by)).send(body);
  const apply = (by: Session, id: string) => t.http().post(`${API}/rotation-plans/${id}/apply`).set(bearer(by));

  describe('targets and balance', () => {
    it('PUT replaces the targets (200) and GET balance reports each value and the deviation', async () => {
      const res = await put(c.cast.secretariat, { seats: 6, targets: [{ dimension: 'sector', value: 'law', max: 2 }, { dimension: 'sector', value: 'health', min: 1, max: 3 }] });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ seats: 6, targets: [{ dimension: 'sector', value: 'health', min: 1, max: 3, weight: 1 }, { dimension: 'sector', value: 'law', min: null, max: 2, weight: 1 }] });
      const b = await t.http().get(`${API}/councils/${councilId}/balance`).set(bearer(c.cast.observer)).expect(200);
      expect(b.body).toMatchObject({
        total: 6,
        seats: 6,
        deviation: 3,
        dimensions: { sector: { law: { count: 4, min: null, max: 2, status: 'over' }, health: { count: 0, min: 1, max: 3, status: 'under' }, economics: { count: 1, status: 'met' } } },
      });
      const before = await t.http().get(`${API}/councils/${councilId}/balance`).query({ at: '2019-12-31' }).set(bearer(c.cast.member)).expect(200);
      expect(before.body).toMatchObject({ at: '2019-12-31', total: 0, deviation: 1 });
    });

    it('refuses an unknown dimension or min above max (400 naming them), a member (403), an outsider (404)', async () => {
      expectProblem(await put(c.cast.secretariat, { targets: [{ dimension: 'region', value: 'north', min: 1 }] }), 400, ['targets.0.dimension']);
      expectProblem(await put(c.cast.secretariat, { targets: [{ dimension: 'sector', value: 'law', min: 3, max: 2 }] }), 400, ['targets.0.min']);
      expectProblem(await put(c.cast.secretariat, { targets: [{ dimension: 'sector', value: 'law', min: -1 }], colour: 1 }), 400, ['targets.0.min', 'colour']);
      expectProblem(await put(c.cast.secretariat, { targets: [{ dimension: 'sector', value: 'law', min: 1, weight: 0 }] }), 400, ['targets.0.weight']);
      expectProblem(await put(c.cast.member, { targets: [] }), 403);
      expectProblem(await put(c.outsider, { targets: [] }), 404);
      expectProblem(await put(c.cast.secretariat, { targets: [] }, randomUUID()), 404);
    });

    it('gives the history by month, paged', async () => {
      const res = await t.http().get(`${API}/councils/${councilId}/balance/history`).query({ from: '2019-12-15', to: '2020-04-15', step: 'month', limit: 3 }).set(bearer(c.cast.member)).expect(200);
      expect(res.body.items.map((i: { at: string; total: number }) => [i.at, i.total])).toEqual([
        ['2019-12-15', 0],
        ['2020-01-15', 3],
        ['2020-02-15', 4],
      ]);
      const next = await t.http().get(`${API}/councils/${councilId}/balance/history`).query({ from: '2019-12-15', to: '2020-04-15', step: 'month', limit: 3, cursor: res.body.nextCursor }).set(bearer(c.cast.member)).expect(200);
      expect(next.body.items.map((i: { at: string }) => i.at)).toEqual(['2020-03-15', '2020-04-15']);
      expect(next.body.nextCursor).toBeNull();
      expect(next.body.items[1].deviation).toBe(3);
      expectProblem(await t.http().get(`${API}/councils/${councilId}/balance/history`).query({ from: '2020-01-01', to: '2020-02-01', step: 'week' }).set(bearer(c.cast.member)), 400, ['step']);
    });
  });

  describe('candidates and plans', () => {
    let healthA: { id: string; userId: string };
    let planId: string;

    it('adds candidates (201), refuses a current member (409), lists the pool for the secretariat only', async () => {
      healthA = await addCandidate({ sector: 'health', stance: 'left' });
      await addCandidate({ sector: 'health', stance: 'right' });
      await addCandidate({ sector: 'law', stance: 'right' });
      const member = await t.http().post(`${API}/councils/${councilId}/candidates`).set(bearer(c.cast.secretariat)).send({ userId: c.cast.member.userId, attributes: {} });
      expectProblem(member, 409);
      expectProblem(await t.http().post(`${API}/councils/${councilId}/candidates`).set(bearer(c.cast.secretariat)).send({ userId: randomUUID(), attributes: { region: 'x' } }), 400, ['attributes.region']);
      const list = await t.http().get(`${API}/councils/${councilId}/candidates`).set(bearer(c.cast.secretariat)).expect(200);
      expect(list.body.items).toHaveLength(3);
      expectProblem(await t.http().get(`${API}/councils/${councilId}/candidates`).set(bearer(c.cast.member)), 403);
    });

    it('plans a rotation that meets every target with the fewest changes', async () => {
      const res = await plan(c.cast.secretariat, { effectiveOn: isoDay(7), leave: { min: 0, max: 3 } });
      expect(res.status).toBe(201);
      planId = res.body.id;
      expect(res.body).toMatchObject({ status: 'proposed', effectiveOn: isoDay(7), relaxations: [], selectionProbabilities: null, solver: { name: 'highs', status: 'optimal', objective: 0 } });
      // Two lawyers leave (the longest serving), and two health candidates join: 4 changes, the fewest that meet law <= 2 and health >= 1.
      expect(res.body.leaving).toEqual(expect.arrayContaining([{ membershipId: laws[0], reason: 'rebalance' }, { membershipId: laws[1], reason: 'rebalance' }]));
      expect(res.body.leaving).toHaveLength(2);
      expect(res.body.joining).toHaveLength(2);
      expect(res.body.joining).toContainEqual({ candidateId: healthA.id, userId: healthA.userId });
      expect(res.body.after).toMatchObject({ deviation: 0, total: 6, dimensions: { sector: { law: { count: 2 }, health: { count: 2 } } } });
      expect(res.body.before).toMatchObject({ deviation: 3 });
      expect(res.body.inputsHash).toMatch(/^[0-9a-f]{64}$/);
      const got = await t.http().get(`${API}/rotation-plans/${planId}`).set(bearer(c.cast.secretariat)).expect(200);
      expect(got.body).toEqual(res.body);
      expectProblem(await t.http().get(`${API}/rotation-plans/${planId}`).set(bearer(c.cast.member)), 403);
      expectProblem(await t.http().get(`${API}/rotation-plans/${planId}`).set(bearer(c.outsider)), 404);
    });

    it('names the smallest relaxation when a target cannot be met: infeasible', async () => {
      await put(c.cast.secretariat, { seats: 6, targets: [{ dimension: 'sector', value: 'law', max: 2 }, { dimension: 'sector', value: 'health', min: 4 }] });
      const res = await plan(c.cast.secretariat, { effectiveOn: isoDay(7), leave: { min: 0, max: 3 } });
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('infeasible');
      expect(res.body.relaxations).toEqual([{ dimension: 'sector', value: 'health', bound: 'min', from: 4, to: 2 }]);
      expectProblem(await apply(c.cast.secretariat, res.body.id), 409);
    });

    it('refuses to apply a stale plan: the targets changed since (409)', async () => {
      expectProblem(await apply(c.cast.secretariat, planId), 409);
    });

    it('draws the same plan for the same seed, with chances that sum to the joiners', async () => {
      await put(c.cast.secretariat, { seats: 6, targets: [{ dimension: 'sector', value: 'law', max: 2 }, { dimension: 'sector', value: 'health', min: 1, max: 3 }] });
      const body = { effectiveOn: isoDay(7), leave: { min: 0, max: 3 }, lottery: { seed: 'published-seed' } };
      const a = await plan(c.cast.secretariat, body);
      const b = await plan(c.cast.secretariat, body);
      expect(a.status).toBe(201);
      expect(b.body.joining).toEqual(a.body.joining);
      const probabilities: { probability: number }[] = a.body.selectionProbabilities;
      expect(probabilities).toHaveLength(3);
      expect(probabilities.reduce((s, p) => s + p.probability, 0)).toBeCloseTo(a.body.joining.length, 6);
    });

    it('applies a plan once, in one transaction: terms end the day before, joiners start; twice is 409', async () => {
      const res = await plan(c.cast.secretariat, { effectiveOn: isoDay(7), leave: { min: 0, max: 3 } });
      expectProblem(await apply(c.cast.member, res.body.id), 403);
      const applied = await apply(c.cast.secretariat, res.body.id);
      expect(applied.status).toBe(200);
      expect(applied.body).toMatchObject({ status: 'applied', appliedAt: expect.any(String) });
      expectProblem(await apply(c.cast.secretariat, res.body.id), 409);
      const after = await t.http().get(`${API}/councils/${councilId}/balance`).query({ at: isoDay(7) }).set(bearer(c.cast.member)).expect(200);
      expect(after.body).toMatchObject({ total: 6, deviation: 0 });
      const dayBefore = await t.http().get(`${API}/councils/${councilId}/balance`).query({ at: isoDay(6) }).set(bearer(c.cast.member)).expect(200);
      expect(dayBefore.body).toMatchObject({ deviation: 3 });
      const audit = await t.db.query(`SELECT action FROM audit_entries WHERE council_id = $1 AND summary->'details'->>'rotationPlanId' = $2`, [councilId, res.body.id]);
      expect(audit).toHaveLength(4);
    });

    it('checks the body (400) before reach (404)', async () => {
      expectProblem(await plan(c.cast.secretariat, { effectiveOn: isoDay(-1), leave: { min: 0, max: 3 } }), 400, ['effectiveOn']);
      expectProblem(await plan(c.cast.secretariat, { effectiveOn: isoDay(3), leave: { min: 4, max: 3 } }), 400, ['leave.min']);
      expectProblem(await plan(c.cast.secretariat, { effectiveOn: isoDay(3), leave: { min: 0, max: 3 }, mustLeave: [randomUUID()] }), 400, ['mustLeave']);
      expectProblem(await plan(c.outsider, { effectiveOn: 'soon', leave: { min: 0, max: 3 } }), 400, ['effectiveOn']);
      expectProblem(await plan(c.outsider, { effectiveOn: isoDay(3), leave: { min: 0, max: 3 } }), 404);
      expectProblem(await plan(c.cast.chair, { effectiveOn: isoDay(3), leave: { min: 0, max: 3 } }), 403);
    });
  });
});
