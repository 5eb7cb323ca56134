import { startTestApp, TestApp } from '../support/test-app';
import { addMembership, API, bearer, councilWithCast, createUser, Session } from '../support/factories';
import { isoDay } from '../support/dates';
import { expectProblem } from '../support/problems';
import { createPoll, groupCouncil, openPoll } from '../support/poll-factories';

type Cast = Awaited<ReturnType<typeof councilWithCast>>;

describe('a composition history that never changes (PATCH /memberships/:id with effectiveOn)', () => {
  let t: TestApp;
  let c: Cast;
  let councilId: string;

  beforeAll(async () => {
    t = await startTestApp();
    c = await councilWithCast(t);
    councilId = c.council.id;
  });
  afterAll(() => t.close());

  const patch = (by: Session, id: string, body: Record<string, unknown>) => t.http().patch(`${API}/memberships/${id}`).set(bearer(by)).send(body);
  const composition = async (at: string) => (await t.http().get(`${API}/councils/${councilId}/composition`).query({ at }).set(bearer(c.cast.member)).expect(200)).body;
  const listed = async (at: string, id: string) => {
    const res = await t.http().get(`${API}/councils/${councilId}/memberships`).query({ at, limit: 200 }).set(bearer(c.cast.secretariat)).expect(200);
    return res.body.items.find((m: { id: string }) => m.id === id);
  };
  const seat = async (attributes: Record<string, string>, startsOn = isoDay(-30), roles = ['member']) => {
    const u = await createUser(t, c.admin, 'seat');
    return { user: u, m: await addMembership(t, c.admin, councilId, u.userId, { roles, attributes, startsOn }) };
  };

  it("a PATCH of attributes today leaves yesterday's composition as it was", async () => {
    const { m } = await seat({ sector: 'law', stance: 'moderate' });
    const yesterdayBefore = await composition(isoDay(-1));
    const res = await patch(c.cast.secretariat, m.id, { attributes: { sector: 'economics' } });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { attributes: { sector: 'economics', stance: 'moderate' } } });
    expect(await composition(isoDay(-1))).toEqual(yesterdayBefore);
    const today = await composition(isoDay(0));
    expect(today.dimensions.sector.economics).toBe((yesterdayBefore.dimensions.sector.economics ?? 0) + 1);
    expect(today.dimensions.sector.law ?? 0).toBe(yesterdayBefore.dimensions.sector.law - 1);
    expect((await listed(isoDay(-1), m.id)).attributes).toEqual({ sector: 'law', stance: 'moderate' });
    expect((await listed(isoDay(0), m.id)).attributes).toEqual({ sector: 'economics', stance: 'moderate' });
  });

  it('takes a change of roles from effectiveOn: the past, today and the future each read what is in force then', async () => {
    const { m } = await seat({ sector: 'health' });
    expect((await patch(c.cast.secretariat, m.id, { roles: ['member', 'moderator'], effectiveOn: isoDay(-10) })).status).toBe(200);
    expect((await patch(c.cast.secretariat, m.id, { attributes: { sector: 'law' }, effectiveOn: isoDay(5) })).status).toBe(200);
    expect(await listed(isoDay(-11), m.id)).toMatchObject({ roles: ['member'], attributes: { sector: 'health' } });
    expect(await listed(isoDay(-10), m.id)).toMatchObject({ roles: ['member', 'moderator'], attributes: { sector: 'health' } });
    expect(await listed(isoDay(4), m.id)).toMatchObject({ roles: ['member', 'moderator'], attributes: { sector: 'health' } });
    expect(await listed(isoDay(5), m.id)).toMatchObject({ roles: ['member', 'moderator'], attributes: { sector: 'law' } });
  });

  it('shows in /auth/me the roles of today, not of a change to come', async () => {
    const { user, m } = await seat({ sector: 'law' });
    expect((await patch(c.cast.secretariat, m.id, { roles: ['member', 'moderator'], effectiveOn: isoDay(3) })).status).toBe(200);
    const me = await t.http().get(`${API}/auth/me`).set(bearer(user)).expect(200);
    expect(me.body.memberships).toContainEqual(expect.objectContaining({ id: m.id, roles: ['member'] }));
  });

  it('counts a member who becomes an observer only until the change', async () => {
    const { m } = await seat({ sector: 'energy' });
    const before = await composition(isoDay(-2));
    expect((await patch(c.cast.secretariat, m.id, { roles: ['observer'], effectiveOn: isoDay(-1) })).status).toBe(200);
    expect(await composition(isoDay(-2))).toEqual(before);
    expect((await composition(isoDay(-1))).dimensions.sector.energy ?? 0).toBe(before.dimensions.sector.energy - 1);
  });

  it('refuses effectiveOn before the term starts, after it ends, or before an earlier change: 400 naming effectiveOn', async () => {
    const { m } = await seat({ sector: 'law' }, isoDay(-5));
    expectProblem(await patch(c.cast.secretariat, m.id, { attributes: { sector: 'economics' }, effectiveOn: isoDay(-6) }), 400, ['effectiveOn']);
    expect((await patch(c.cast.secretariat, m.id, { endsOn: isoDay(20) })).status).toBe(200);
    expectProblem(await patch(c.cast.secretariat, m.id, { attributes: { sector: 'economics' }, effectiveOn: isoDay(21) }), 400, ['effectiveOn']);
    expect((await patch(c.cast.secretariat, m.id, { attributes: { sector: 'economics' }, effectiveOn: isoDay(2) })).status).toBe(200);
    expectProblem(await patch(c.cast.secretariat, m.id, { attributes: { sector: 'health' }, effectiveOn: isoDay(1) }), 400, ['effectiveOn']);
    expectProblem(await patch(c.cast.secretariat, m.id, { attributes: { sector: 'health' }, effectiveOn: '2026-02-30' }), 400, ['effectiveOn']);
    // The same day replaces the change.
    expect((await patch(c.cast.secretariat, m.id, { attributes: { sector: 'health' }, effectiveOn: isoDay(2) })).status).toBe(200);
    expect((await listed(isoDay(2), m.id)).attributes).toEqual({ sector: 'health' });
    expect((await listed(isoDay(1), m.id)).attributes).toEqual({ sector: 'law' });
  });

  it('keeps a change from the start of the term for the whole term', async () => {
    const { m } = await seat({ sector: 'law' }, isoDay(-3));
    expect((await patch(c.cast.secretariat, m.id, { attributes: { sector: 'energy' }, effectiveOn: isoDay(-3) })).status).toBe(200);
    expect((await listed(isoDay(-3), m.id)).attributes).toEqual({ sector: 'energy' });
  });

  it('writes the change and its date to the audit log', async () => {
    const { m } = await seat({ sector: 'law' });
    await patch(c.cast.secretariat, m.id, { attributes: { sector: 'economics' }, effectiveOn: isoDay(-1) }).expect(200);
    const rows = await t.db.query(`SELECT summary FROM audit_entries WHERE object_id = $1 AND action = 'membership.updated'`, [m.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].summary).toMatchObject({ before: { attributes: { sector: 'law' } }, after: { attributes: { sector: 'economics' } }, details: { effectiveOn: isoDay(-1) } });
  });
});

describe('eligibility at a poll opening follows the roles in force then', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('counts a member whose vote ends tomorrow, and not one whose vote ended today', async () => {
    const g = await groupCouncil(t, 3);
    const patch = (id: string, body: Record<string, unknown>) => t.http().patch(`${API}/memberships/${id}`).set(bearer(g.secretariat)).send(body);
    await patch(g.members[0].membershipId, { roles: ['observer'], effectiveOn: isoDay(1) }).expect(200);
    await patch(g.members[1].membershipId, { roles: ['observer'], effectiveOn: isoDay(0) }).expect(200);
    const poll = await createPoll(t, g.coordinator, g.groupId, { method: 'majority', base: 'cast' });
    const opened = await openPoll(t, g.coordinator, poll.id);
    expect(opened.eligibleCount).toBe(g.voters.length - 1);
  });
});
