import { startTestApp, TestApp } from '../support/test-app';
import { API, bearer, Session } from '../support/factories';
import { expectProblem } from '../support/problems';
import { cast, closePoll, counts, getJson, GroupCouncil, groupCouncil, openPoll } from '../support/poll-factories';
import { ack, createSession, LiveClients, LiveEvent, ok, postSessionPoll, waitForEvent } from '../support/live';

/** Proxy voting in a live sitting: attendance with `represented`, suspension for a present delegator, ballot.cast with onBehalfOf. */
describe('proxy voting (live)', () => {
  let t: TestApp;
  let g: GroupCouncil;
  let live: LiveClients;

  beforeAll(async () => {
    t = await startTestApp();
    live = new LiveClients(t);
    g = await groupCouncil(t, 4);
  });
  afterEach(() => live.closeAll());
  afterAll(async () => {
    live.closeAll();
    await t.close();
  });

  const setAll = (s: Record<string, unknown>) =>
    t.db.query('UPDATE councils SET proxy_voting = $2 WHERE id = $1', [
      g.council.id,
      JSON.stringify({ enabled: true, maxPerDelegate: 1, delegatorMayVote: false, countTowardQuorum: false, onSecretPolls: false, ...s }),
    ]);
  const give = (by: Session, body: Record<string, unknown>) => t.http().post(`${API}/councils/${g.council.id}/proxies`).set(bearer(by)).send(body);
  const [A, B, C] = [1, 2, 3];
  const v = (i: number) => g.voters[i];

  /** A live plenary sitting with the moderator's socket joined, and the delegate B checked in over its own socket. */
  const sitting = async () => {
    const s = await createSession(t, g.moderator, g.council.id);
    const mod = await live.connect(g.moderator);
    await ok(mod, 'session.join', { sessionId: s.id });
    await ok(mod, 'session.start', { sessionId: s.id });
    const b = await live.connect(v(B));
    await ok(b, 'session.join', { sessionId: s.id });
    await ok(b, 'attendance.checkIn', { sessionId: s.id });
    return { sessionId: s.id, mod, b };
  };
  const attendance = (sessionId: string, present: number, represented: number) => (e: LiveEvent) =>
    e.sessionId === sessionId && e.type === 'attendance.changed' && e.payload.present === present && e.payload.represented === represented;
  const sessionPoll = async (sessionId: string, rule: Record<string, unknown>) => {
    const res = await postSessionPoll(t, g.moderator, sessionId, { rule });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  it('represents an absent delegator while the delegate is present; a delegator who checks in votes themself in the next poll', async () => {
    await setAll({});
    const { sessionId, mod, b } = await sitting();
    await waitForEvent(mod, attendance(sessionId, 1, 0));
    const proxy = await give(v(A), { delegateMembershipId: v(B).membershipId, sessionId });
    expect(proxy.status).toBe(201);
    // Given while the delegate is present and the delegator absent: represented 1, announced at once.
    await waitForEvent(mod, attendance(sessionId, 1, 1));
    expect((await getJson(t, v(4), `/sessions/${sessionId}`)).body.attendance).toMatchObject({ present: 1, represented: 1 });

    const first = await sessionPoll(sessionId, { method: 'majority', base: 'cast' });
    await ok(mod, 'poll.open', { pollId: first });
    const forA = await ok(b, 'ballot.cast', { pollId: first, choice: 'against', onBehalfOf: v(A).membershipId });
    expect(typeof forA.receipt).toBe('string');
    await ok(b, 'ballot.cast', { pollId: first, choice: 'for' });
    expectProblem(await cast(t, v(A), first, { choice: 'for' }), 409);
    const c = await live.connect(v(C));
    expect(await ack(c, 'ballot.cast', { pollId: first, choice: 'for', onBehalfOf: v(A).membershipId })).toMatchObject({ ok: false, error: { status: 403 } });
    expect(await ack(b, 'ballot.cast', { pollId: first, choice: 'for', onBehalfOf: 'not-a-uuid' })).toMatchObject({ ok: false, error: { status: 400 } });
    const closed = (await ok(mod, 'poll.close', { pollId: first })).poll;
    expect(closed.tally).toMatchObject({ counts: counts({ for: 1, against: 1 }), represented: 1 });

    // A arrives: present, no longer represented; the next poll suspends A's sitting proxy.
    const a = await live.connect(v(A));
    await ok(a, 'session.join', { sessionId });
    await ok(a, 'attendance.checkIn', { sessionId });
    await waitForEvent(mod, attendance(sessionId, 2, 0));
    const second = await sessionPoll(sessionId, { method: 'majority', base: 'cast' });
    await ok(mod, 'poll.open', { pollId: second });
    expect(await ack(b, 'ballot.cast', { pollId: second, choice: 'for', onBehalfOf: v(A).membershipId })).toMatchObject({ ok: false, error: { status: 403 } });
    await ok(a, 'ballot.cast', { pollId: second, choice: 'against' });
    const listed = await getJson(t, v(C), `/polls/${second}/proxies`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: proxy.body.id, status: 'suspended' })]);
    const suspended = await t.db.query(`SELECT summary FROM audit_entries WHERE action = 'proxy.suspended' AND object_id = $1`, [proxy.body.id]);
    expect(suspended.map((r: { summary: { after: { pollId: string } } }) => r.summary.after.pollId)).toEqual([second]);
    const done = (await ok(mod, 'poll.close', { pollId: second })).poll;
    expect(done.tally).toMatchObject({ counts: counts({ against: 1 }), represented: 0 });
    expect(done.ballots).toEqual([expect.objectContaining({ membershipId: v(A).membershipId, castByMembershipId: null })]);
    // The minutes list the sitting's proxies.
    const md = await t.http().get(`${API}/sessions/${sessionId}/minutes?format=md`).set(bearer(v(4)));
    expect(md.text).toContain('## Proxies');
    expect(md.text).toMatch(/gave a proxy to .*, for the sitting/);
  });

  it('never counts a proxy whose delegate is absent', async () => {
    await setAll({});
    const s = await createSession(t, g.moderator, g.council.id);
    const mod = await live.connect(g.moderator);
    await ok(mod, 'session.join', { sessionId: s.id });
    await ok(mod, 'session.start', { sessionId: s.id });
    const given = await give(v(A), { delegateMembershipId: v(C).membershipId, sessionId: s.id });
    expect(given.status).toBe(201);
    const list = await getJson(t, v(4), `/sessions/${s.id}/proxies`);
    expect(list.body).toEqual({ items: [expect.objectContaining({ id: given.body.id, sessionId: s.id, pollId: null, status: 'active' })], nextCursor: null });
    expectProblem(await getJson(t, g.outsider, `/sessions/${s.id}/proxies`), 404);
    expectProblem(await getJson(t, g.observer, `/sessions/${s.id}/proxies`), 404); // a sitting that is not public
    expectProblem(await getJson(t, v(4), `/sessions/${s.id}/proxies?cursor=nope`), 400, ['cursor']);
    expect((await getJson(t, v(4), `/sessions/${s.id}`)).body.attendance).toMatchObject({ present: 0, represented: 0 });
    const c = await live.connect(v(C));
    await ok(c, 'session.join', { sessionId: s.id });
    await ok(c, 'attendance.checkIn', { sessionId: s.id });
    await waitForEvent(mod, attendance(s.id, 1, 1));
  });

  it('counts represented members in the base present and the plenary quorum only with countTowardQuorum', async () => {
    await t.db.query(`UPDATE councils SET plenary_quorum = '{"count": 2}' WHERE id = $1`, [g.council.id]);
    for (const counted of [false, true]) {
      await setAll({ countTowardQuorum: counted });
      const { sessionId, mod, b } = await sitting();
      const given = await give(v(A), { delegateMembershipId: v(B).membershipId, sessionId });
      expect(given.status).toBe(201);
      const changed = await waitForEvent(mod, attendance(sessionId, 1, 1));
      expect(changed.payload.quorumMet).toBe(counted);
      const pollId = await sessionPoll(sessionId, { method: 'majority', base: 'present' });
      await openPoll(t, g.moderator, pollId);
      await ok(b, 'ballot.cast', { pollId, choice: 'for', onBehalfOf: v(A).membershipId });
      await ok(b, 'ballot.cast', { pollId, choice: 'for' });
      const closed = await closePoll(t, g.moderator, pollId);
      expect(closed.tally).toMatchObject({ base: 'present', baseSize: counted ? 2 : 1, represented: 1, outcome: 'adopted' });
      await ok(mod, 'session.close', { sessionId });
      live.closeAll();
    }
  });

  it('gives no proxy ballot on a secret poll unless onSecretPolls, and then only a receipt to the delegate', async () => {
    await setAll({ onSecretPolls: true });
    const { sessionId, mod, b } = await sitting();
    expect((await give(v(A), { delegateMembershipId: v(B).membershipId, sessionId })).status).toBe(201);
    const res = await postSessionPoll(t, g.moderator, sessionId, { rule: { method: 'majority', base: 'cast', allowChange: false }, secret: true });
    await ok(mod, 'poll.open', { pollId: res.body.id });
    const byProxy = await ok(b, 'ballot.cast', { pollId: res.body.id, choice: 'for', onBehalfOf: v(A).membershipId });
    expect(Object.keys(byProxy).sort()).toEqual(['ok', 'receipt']);
    const tallyEvent = await waitForEvent(mod, (e) => e.type === 'tally.updated' && e.payload.pollId === res.body.id);
    expect(JSON.stringify(tallyEvent)).not.toContain(v(A).membershipId);
    const closed = (await ok(mod, 'poll.close', { pollId: res.body.id })).poll;
    expect(closed.tally).toMatchObject({ participation: 1, represented: 1 });
    expect(JSON.stringify(closed)).not.toContain(v(A).membershipId);
  });
});
