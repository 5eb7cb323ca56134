import { startTestApp, TestApp } from '../support/test-app';
import { addMembership, API, bearer, councilWithCast, createUser, Session } from '../support/factories';
import { isoDay } from '../support/dates';
import { expectProblem } from '../support/problems';

type Cast = Awaited<ReturnType<typeof councilWithCast>>;

/** Applying plans: staleness, concurrency, mustLeave and mustStay; and the routes in the OpenAPI document. */
describe('rotation plans: what they are computed from, and applying them', () => {
  let t: TestApp;
  let c: Cast;
  let councilId: string;
  const members: { id: string; sector: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    c = await councilWithCast(t);
    councilId = c.council.id;
    for (const [i, sector] of ['law', 'law', 'law', 'media'].entries()) {
      const u = await createUser(t, c.admin, 'seat');
      members.push({ id: (await addMembership(t, c.admin, councilId, u.userId, { roles: ['member'], attributes: { sector }, startsOn: `2021-0${i + 1}-01` })).id, sector });
    }
    await put({ seats: 5, targets: [{ dimension: 'sector', value: 'law', max: 2 }, { dimension: 'sector', value: 'health', min: 1 }] });
    for (const sector of ['health', 'health', 'law']) await addCandidate({ sector });
  });
  afterAll(() => t.close());

  const put = (body: object) => t.http().put(`${API}/councils/${councilId}/balance-targets`).set(bearer(c.cast.secretariat)).send(body).expect(200);
  const addCandidate = async (attributes: Record<string, string>) => {
    const u = await createUser(t, c.admin, 'candidate');
    const res = await t.http().post(`${API}/councils/${councilId}/candidates`).set(bearer(c.cast.secretariat)).send({ userId: u.userId, attributes });
    expect(res.status).toBe(201);
    return { ...res.body, user: u } as { id: string; userId: string; user: Session };
  };
  const plan = async (body: Record<string, unknown> = {}) => {
    const res = await t.http().post(`${API}/councils/${councilId}/rotation-plans`).set(bearer(c.cast.secretariat)).send({ effectiveOn: isoDay(10), leave: { min: 0, max: 2 }, ...body });
    expect(res.status).toBe(201);
    return res.body;
  };
  const apply = (id: string, by: Session = c.cast.secretariat) => t.http().post(`${API}/rotation-plans/${id}/apply`).set(bearer(by));

  it('names mustLeave members with their reason and keeps mustStay members', async () => {
    const p = await plan({ mustLeave: [members[3].id], mustStay: [members[0].id] });
    expect(p.status).toBe('proposed');
    expect(p.leaving).toContainEqual({ membershipId: members[3].id, reason: 'must_leave' });
    expect(p.leaving.map((l: { membershipId: string }) => l.membershipId)).not.toContain(members[0].id);
    expect(p.leaving.filter((l: { reason: string }) => l.reason === 'rebalance')).toHaveLength(1);
  });

  it('refuses a membership that is both mustLeave and mustStay (400)', async () => {
    const res = await t.http().post(`${API}/councils/${councilId}/rotation-plans`).set(bearer(c.cast.secretariat)).send({ effectiveOn: isoDay(10), leave: { min: 0, max: 2 }, mustLeave: [members[1].id], mustStay: [members[1].id] });
    expectProblem(res, 400, ['mustStay']);
  });

  it('is stale (409) once a membership it counted changed, and once the pool changed', async () => {
    const p = await plan();
    await t.http().patch(`${API}/memberships/${members[3].id}`).set(bearer(c.cast.secretariat)).send({ attributes: { sector: 'education' } }).expect(200);
    expectProblem(await apply(p.id), 409);
    const q = await plan();
    await addCandidate({ sector: 'media' });
    expectProblem(await apply(q.id), 409);
  });

  it('refuses a second candidacy of the same person (409)', async () => {
    const cand = await addCandidate({ sector: 'science' });
    const again = await t.http().post(`${API}/councils/${councilId}/candidates`).set(bearer(c.cast.secretariat)).send({ userId: cand.userId, attributes: { sector: 'science' } });
    expectProblem(again, 409);
  });

  it('applies once under concurrent requests: one 200, the other 409, one set of new terms', async () => {
    const p = await plan();
    const results = await Promise.all([apply(p.id), apply(p.id)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const joined = await t.db.query(`SELECT count(*)::int AS n FROM memberships WHERE council_id = $1 AND starts_on = $2`, [councilId, isoDay(10)]);
    expect(joined[0].n).toBe(p.joining.length);
    const balance = await t.http().get(`${API}/councils/${councilId}/balance`).query({ at: isoDay(10) }).set(bearer(c.cast.member)).expect(200);
    expect(balance.body).toMatchObject({ total: 5, deviation: 0 });
    const pool = await t.http().get(`${API}/councils/${councilId}/candidates`).set(bearer(c.cast.secretariat)).expect(200);
    const joinedIds = p.joining.map((j: { candidateId: string }) => j.candidateId);
    for (const cand of pool.body.items) expect(cand.status).toBe(joinedIds.includes(cand.id) ? 'joined' : 'available');
  });

  it('lets a term that ends before effectiveOn leave in any case (term_ends), and fills its seat; applying leaves its end as it was', async () => {
    const u = await createUser(t, c.admin, 'ending');
    const ending = await addMembership(t, c.admin, councilId, u.userId, { roles: ['member'], attributes: { sector: 'media' }, startsOn: '2021-06-01', endsOn: isoDay(20) });
    const res = await t.http().post(`${API}/councils/${councilId}/rotation-plans`).set(bearer(c.cast.secretariat)).send({ effectiveOn: isoDay(40), leave: { min: 0, max: 1 } });
    expect(res.status).toBe(201);
    expect(res.body.leaving).toContainEqual({ membershipId: ending.id, reason: 'term_ends' });
    expect(res.body.after.total).toBe(5);
    expect((await apply(res.body.id)).status).toBe(200);
    const [row] = await t.db.query(`SELECT to_char(ends_on, 'YYYY-MM-DD') AS "endsOn" FROM memberships WHERE id = $1`, [ending.id]);
    expect(row.endsOn).toBe(isoDay(20));
  });

  it('gives a year of monthly balance by default', async () => {
    const res = await t.http().get(`${API}/councils/${councilId}/balance/history`).set(bearer(c.cast.member)).expect(200);
    expect(res.body.items).toHaveLength(12);
    expect(res.body.items[11].at).toBe(isoDay(0));
    expect(res.body.nextCursor).toBeNull();
  });

  it('describes every route of the section in the OpenAPI document', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body;
    const routes: [string, string, string][] = [
      ['put', '/api/v1/councils/{councilId}/balance-targets', '200'],
      ['get', '/api/v1/councils/{councilId}/balance', '200'],
      ['get', '/api/v1/councils/{councilId}/balance/history', '200'],
      ['post', '/api/v1/councils/{councilId}/candidates', '201'],
      ['get', '/api/v1/councils/{councilId}/candidates', '200'],
      ['post', '/api/v1/councils/{councilId}/rotation-plans', '201'],
      ['get', '/api/v1/rotation-plans/{planId}', '200'],
      ['post', '/api/v1/rotation-plans/{planId}/apply', '200'],
    ];
    for (const [method, path, status] of routes) {
      const op = doc.paths[path]?.[method];
      expect({ path, method, described: Boolean(op) }).toEqual({ path, method, described: true });
      expect(op.responses[status]?.content?.['application/json']?.schema).toBeDefined();
      if (method === 'post' && !path.endsWith('/apply')) expect(op.requestBody?.content?.['application/json']?.schema).toBeDefined();
    }
  });
});
