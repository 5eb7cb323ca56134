import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../support/test-app';
import { addToGroup, councilWithCast, createCouncil, createGroup, createMember, Session } from '../support/factories';
import { ISO_INSTANT } from '../support/problems';
import { ack, createSession, eventLog, eventWithin, LiveClients, LiveEvent, ok, waitForEvent } from '../support/live';

type Cast = Awaited<ReturnType<typeof councilWithCast>>;
type Member = Session & { membershipId: string };

/** The floor sweep runs every 500 ms: a 1-second floor ends within about 1.5 s. */
const TIMER_DEADLINE_MS = 4000;

describe('live floor and attendance', () => {
  let t: TestApp;
  let c: Cast;
  let live: LiveClients;
  let m: Member[];
  let foreignMembershipId: string;

  beforeAll(async () => {
    t = await startTestApp();
    live = new LiveClients(t);
    c = await councilWithCast(t);
    m = await Promise.all(Array.from({ length: 5 }, (_, i) => createMember(t, c.admin, c.council.id, `member ${i}`)));
    foreignMembershipId = (await createMember(t, c.admin, (await createCouncil(t, c.admin)).id)).membershipId;
  });
  afterEach(() => live.closeAll());
  afterAll(async () => {
    live.closeAll();
    await t.close();
  });

  /** A sitting (live unless told) with the moderator's and a watcher's sockets joined. */
  const sitting = async (opts: { start?: boolean; councilId?: string; moderator?: Session; extra?: Record<string, unknown> } = {}) => {
    const moderator = opts.moderator ?? c.cast.moderator;
    const s = await createSession(t, moderator, opts.councilId ?? c.council.id, opts.extra);
    const mod = await live.connect(moderator);
    await ok(mod, 'session.join', { sessionId: s.id });
    if (opts.start !== false) await ok(mod, 'session.start', { sessionId: s.id });
    return { s, mod, sessionId: s.id };
  };
  const typed = (sessionId: string, type: string, extra: (e: LiveEvent) => boolean = () => true) => (e: LiveEvent) => e.sessionId === sessionId && e.type === type && extra(e);
  const queueOf = (e: LiveEvent) => (e.payload.queue as { membershipId: string; kind: string }[]).map((q) => [q.membershipId, q.kind]);

  describe('the floor clock while the sitting is paused', () => {
    it('stops with the sitting (no timeout while paused), and runs on with what was left when it resumes', async () => {
      const { sessionId, mod } = await sitting();
      const speaker = await live.connect(m[0]);
      await ok(speaker, 'floor.request', { sessionId });
      await ok(mod, 'floor.grant', { sessionId, membershipId: m[0].membershipId, seconds: 2 });
      await ok(mod, 'session.pause', { sessionId });
      const paused = await waitForEvent(mod, typed(sessionId, 'session.paused'));
      const stopped = paused.payload.floor as { membershipId: string; remainingMs: number };
      expect(stopped.membershipId).toBe(m[0].membershipId);
      expect(stopped.remainingMs).toBeGreaterThan(0);
      expect(stopped.remainingMs).toBeLessThanOrEqual(2000);
      // Well past the floor's original end, nothing ends it.
      expect(await eventWithin(mod, typed(sessionId, 'floor.ended'), 3000)).toBeNull();
      const snapshot = (await ok(mod, 'session.join', { sessionId })).snapshot as { floor: { endsAt: string | null; remainingMs: number } };
      expect(snapshot.floor).toMatchObject({ endsAt: null, remainingMs: stopped.remainingMs });
      const before = Date.now();
      await ok(mod, 'session.resume', { sessionId });
      const resumed = await waitForEvent(mod, typed(sessionId, 'session.resumed'));
      const running = resumed.payload.floor as { membershipId: string; endsAt: string };
      expect(running.membershipId).toBe(m[0].membershipId);
      expect(new Date(running.endsAt).getTime()).toBeGreaterThanOrEqual(before + stopped.remainingMs - 50);
      const ended = await waitForEvent(mod, typed(sessionId, 'floor.ended'), TIMER_DEADLINE_MS);
      expect(ended.payload).toMatchObject({ membershipId: m[0].membershipId });
    });

    it('says floor: null on pause and resume when no one holds the floor', async () => {
      const { sessionId, mod } = await sitting();
      await ok(mod, 'session.pause', { sessionId });
      expect((await waitForEvent(mod, typed(sessionId, 'session.paused'))).payload.floor).toBeNull();
      await ok(mod, 'session.resume', { sessionId });
      expect((await waitForEvent(mod, typed(sessionId, 'session.resumed'))).payload.floor).toBeNull();
    });
  });

  describe('the speakers queue', () => {
    it('queues requests in order, contribution by default; a point of order goes to the head, behind earlier ones', async () => {
      const { sessionId, mod } = await sitting();
      const [a, b, d, g, f] = await Promise.all(m.map((x) => live.connect(x)));
      const first = await ok(a, 'floor.request', { sessionId });
      expect(first.queue).toEqual([{ membershipId: m[0].membershipId, kind: 'contribution', requestedAt: expect.stringMatching(ISO_INSTANT) }]);
      await ok(b, 'floor.request', { sessionId, kind: 'pro' });
      await ok(d, 'floor.request', { sessionId, kind: 'point_of_order' });
      await ok(g, 'floor.request', { sessionId, kind: 'contra' });
      const last = await ok(f, 'floor.request', { sessionId, kind: 'point_of_order' });
      const expected = [
        [m[2].membershipId, 'point_of_order'],
        [m[4].membershipId, 'point_of_order'],
        [m[0].membershipId, 'contribution'],
        [m[1].membershipId, 'pro'],
        [m[3].membershipId, 'contra'],
      ];
      expect(last.queue.map((q: { membershipId: string; kind: string }) => [q.membershipId, q.kind])).toEqual(expected);
      const event = await waitForEvent(mod, typed(sessionId, 'floor.requested', (x) => x.payload.membershipId === m[4].membershipId));
      expect(event).toMatchObject({ actor: m[4].userId, payload: { kind: 'point_of_order' } });
      expect(queueOf(event)).toEqual(expected);
      expect((await ok(a, 'session.join', { sessionId })).snapshot.queue.map((q: { membershipId: string }) => q.membershipId)).toEqual(expected.map(([id]) => id));

      // Twice → 409; withdrawing takes the place out, once.
      expect(await ack(a, 'floor.request', { sessionId, kind: 'reply' })).toMatchObject({ ok: false, error: { status: 409 } });
      expect((await ok(d, 'floor.withdraw', { sessionId })).queue).toHaveLength(4);
      const withdrawn = await waitForEvent(mod, typed(sessionId, 'floor.withdrawn'));
      expect(withdrawn).toMatchObject({ actor: m[2].userId, payload: { membershipId: m[2].membershipId } });
      expect(queueOf(withdrawn)).toEqual(expected.filter(([id]) => id !== m[2].membershipId));
      expect(await ack(d, 'floor.withdraw', { sessionId })).toMatchObject({ ok: false, error: { status: 409 } });
      // A reply is a kind like the others; asking again after withdrawing queues at the end.
      expect((await ok(d, 'floor.request', { sessionId, kind: 'reply' })).queue.at(-1)).toMatchObject({ membershipId: m[2].membershipId, kind: 'reply' });
    });

    it('takes requests only during the sitting (409), and only from members (403)', async () => {
      const { sessionId, mod } = await sitting({ start: false });
      const a = await live.connect(m[0]);
      expect(await ack(a, 'floor.request', { sessionId })).toMatchObject({ ok: false, error: { status: 409 } });
      expect(await ack(mod, 'floor.request', { sessionId })).toMatchObject({ ok: false, error: { status: 403 } });
      await ok(mod, 'session.start', { sessionId });
      await ok(mod, 'session.pause', { sessionId });
      await ok(a, 'floor.request', { sessionId });
      await ok(mod, 'session.close', { sessionId });
      expect(await ack(await live.connect(m[1]), 'floor.request', { sessionId })).toMatchObject({ ok: false, error: { status: 409 } });
    });
  });

  describe('floor.grant and floor.end', () => {
    it('grants the floor with endsAt = grantedAt + seconds, out of the queue; floor.end reports the seconds spoken', async () => {
      const { sessionId, mod } = await sitting();
      const a = await live.connect(m[0]);
      await ok(a, 'floor.request', { sessionId, kind: 'contra' });
      const granted = await ok(mod, 'floor.grant', { sessionId, membershipId: m[0].membershipId, seconds: 90 });
      const { grantedAt, endsAt } = granted.floor as { grantedAt: string; endsAt: string };
      expect(granted.floor).toEqual({ membershipId: m[0].membershipId, kind: 'contra', grantedAt: expect.stringMatching(ISO_INSTANT), endsAt: expect.stringMatching(ISO_INSTANT) });
      expect(new Date(endsAt).getTime() - new Date(grantedAt).getTime()).toBe(90_000);
      const event = await waitForEvent(mod, typed(sessionId, 'floor.granted'));
      expect(event).toMatchObject({ actor: c.cast.moderator.userId, payload: { membershipId: m[0].membershipId, kind: 'contra', grantedAt, endsAt, queue: [] } });
      expect((await ok(a, 'session.join', { sessionId })).snapshot).toMatchObject({ floor: { membershipId: m[0].membershipId, grantedAt, endsAt }, queue: [] });

      expect(await ok(mod, 'floor.end', { sessionId })).toEqual({ ok: true, floor: null });
      const ended = await waitForEvent(mod, typed(sessionId, 'floor.ended'));
      expect(ended).toMatchObject({ actor: c.cast.moderator.userId, payload: { membershipId: m[0].membershipId, reason: 'ended', spokenSeconds: expect.any(Number) } });
      expect(ended.payload.spokenSeconds).toBeGreaterThanOrEqual(0);
      expect(ended.payload.spokenSeconds).toBeLessThanOrEqual(2);
      expect(await ack(mod, 'floor.end', { sessionId })).toMatchObject({ ok: false, error: { status: 409 } });
      expect((await ok(a, 'session.join', { sessionId })).snapshot.floor).toBeNull();
    });

    it('ends the current speaker when the floor goes to another, and when the session closes; the log stays gapless', async () => {
      const { sessionId, mod } = await sitting();
      await ok(mod, 'floor.grant', { sessionId, membershipId: m[1].membershipId, seconds: 60 });
      await ok(mod, 'floor.grant', { sessionId, membershipId: m[2].membershipId, seconds: 60 });
      expect(await ok(mod, 'session.close', { sessionId })).toEqual({ ok: true, state: 'closed' });
      const log = await eventLog(t, c.cast.member, sessionId);
      expect(log.map((e) => [e.seq, e.type, e.payload.reason ?? null])).toEqual([
        [1, 'session.started', null],
        [2, 'floor.granted', null],
        [3, 'floor.ended', 'replaced'],
        [4, 'floor.granted', null],
        [5, 'floor.ended', 'session_closed'],
        [6, 'session.closed', null],
      ]);
      expect(log[2].payload.membershipId).toBe(m[1].membershipId);
      expect(log[4].payload.membershipId).toBe(m[2].membershipId);
      expect((await ok(mod, 'session.join', { sessionId })).snapshot).toMatchObject({ state: 'closed', floor: null, lastSeq: 6 });
    });

    it('refuses a member (403), a paused sitting (409), and a bad membership or time (400)', async () => {
      const { sessionId, mod } = await sitting();
      const a = await live.connect(m[0]);
      expect(await ack(a, 'floor.grant', { sessionId, membershipId: m[0].membershipId, seconds: 30 })).toMatchObject({ ok: false, error: { status: 403 } });
      expect(await ack(a, 'floor.end', { sessionId })).toMatchObject({ ok: false, error: { status: 403 } });
      for (const [payload, field] of [
        [{ sessionId, membershipId: foreignMembershipId, seconds: 30 }, 'membershipId'],
        [{ sessionId, membershipId: randomUUID(), seconds: 30 }, 'membershipId'],
        [{ sessionId, membershipId: 'x', seconds: 30 }, 'membershipId'],
        [{ sessionId, membershipId: m[0].membershipId, seconds: 0 }, 'seconds'],
        [{ sessionId, membershipId: m[0].membershipId, seconds: 3601 }, 'seconds'],
        [{ sessionId, membershipId: m[0].membershipId, seconds: 1.5 }, 'seconds'],
        [{ sessionId, membershipId: m[0].membershipId }, 'seconds'],
      ] as const) {
        const refused = await ack(mod, 'floor.grant', payload);
        expect(refused).toMatchObject({ ok: false, error: { status: 400 } });
        if (!refused.ok) expect(refused.error.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      }
      await ok(mod, 'session.pause', { sessionId });
      expect(await ack(mod, 'floor.grant', { sessionId, membershipId: m[0].membershipId, seconds: 30 })).toMatchObject({ ok: false, error: { status: 409 } });
      expect((await eventLog(t, c.cast.member, sessionId)).map((e) => e.type)).toEqual(['session.started', 'session.paused']);
    });

    it('ends a floor whose time ran out by itself, once: floor.ended with reason timeout', async () => {
      const { sessionId, mod } = await sitting();
      const watcher = await live.connect(m[3]);
      await ok(watcher, 'session.join', { sessionId });
      const granted = await ok(mod, 'floor.grant', { sessionId, membershipId: m[3].membershipId, seconds: 1 });
      const timedOut = await waitForEvent(watcher, typed(sessionId, 'floor.ended'), TIMER_DEADLINE_MS);
      expect(timedOut).toMatchObject({ actor: null, payload: { membershipId: m[3].membershipId, reason: 'timeout', spokenSeconds: 1 } });
      expect(Date.parse(timedOut.at)).toBeGreaterThanOrEqual(Date.parse(granted.floor.endsAt));
      // Waiting for the timer is the point here: two more sweeps must not end it again.
      expect(await eventWithin(watcher, typed(sessionId, 'floor.ended', (e) => e.seq !== timedOut.seq), 1200)).toBeNull();
      const log = await eventLog(t, c.cast.member, sessionId);
      expect(log.filter((e) => e.type === 'floor.ended')).toHaveLength(1);
      expect((await ok(mod, 'session.join', { sessionId })).snapshot).toMatchObject({ floor: null, lastSeq: log.length });
      expect(await ack(mod, 'floor.end', { sessionId })).toMatchObject({ ok: false, error: { status: 409 } });
    });
  });

  describe('attendance.checkIn', () => {
    it('counts who checked in; joining does not check in; a second check-in sends nothing', async () => {
      const { sessionId, mod } = await sitting();
      const a = await live.connect(m[0]);
      const joinedOnly = await ok(a, 'session.join', { sessionId });
      expect(joinedOnly.snapshot.attendance).toMatchObject({ present: 0, quorumMet: null });
      expect((await ok(mod, 'session.join', { sessionId })).snapshot.attendance.present).toBe(0);
      const first = await ok(a, 'attendance.checkIn', { sessionId });
      expect(first.attendance).toMatchObject({ present: 1, quorumMet: null });
      const event = await waitForEvent(mod, typed(sessionId, 'attendance.changed'));
      expect(event).toMatchObject({ actor: m[0].userId, payload: { present: 1, quorumMet: null } });
      expect((await ok(a, 'attendance.checkIn', { sessionId })).attendance).toMatchObject({ present: 1 });
      await ok(await live.connect(m[1]), 'attendance.checkIn', { sessionId });
      const second = await waitForEvent(mod, typed(sessionId, 'attendance.changed', (e) => e.seq !== event.seq));
      expect(second.payload).toMatchObject({ present: 2, quorumMet: null });
      const log = await eventLog(t, c.cast.member, sessionId);
      expect(log.filter((e) => e.type === 'attendance.changed').map((e) => e.payload.present)).toEqual([1, 2]);
      expect(await ack(mod, 'attendance.checkIn', { sessionId })).toMatchObject({ ok: false, error: { status: 403 } });
      expect(await ack(await live.connect(), 'attendance.checkIn', { sessionId })).toMatchObject({ ok: false, error: { status: 401 } });
      // 401 before 400: an anonymous socket learns nothing from a malformed payload either.
      const anonymous = await live.connect();
      for (const [command, payload] of [
        ['attendance.checkIn', {}],
        ['ballot.cast', { pollId: 'not-a-uuid', extra: 1 }],
        ['floor.grant', { sessionId, seconds: -1 }],
        ['session.start', null],
      ] as const) {
        expect(await ack(anonymous, command, payload)).toMatchObject({ ok: false, error: { status: 401 } });
      }
      await ok(mod, 'session.close', { sessionId });
      expect(await ack(await live.connect(m[2]), 'attendance.checkIn', { sessionId })).toMatchObject({ ok: false, error: { status: 409 } });
    });

    it('reports the plenary quorum {count: 2}: false, then true', async () => {
      const council = await createCouncil(t, c.admin, { plenaryQuorum: { count: 2 } });
      const moderator = await createMember(t, c.admin, council.id, 'moderator', ['moderator']);
      const [x, y, z] = await Promise.all([1, 2, 3].map((i) => createMember(t, c.admin, council.id, `voter ${i}`)));
      const { sessionId, mod } = await sitting({ councilId: council.id, moderator });
      expect((await ok(mod, 'session.join', { sessionId })).snapshot.attendance).toEqual({ present: 0, represented: 0, voters: 3, quorumMet: false });
      for (const [who, present, quorumMet] of [[x, 1, false], [y, 2, true], [z, 3, true]] as const) {
        const a = await ok(await live.connect(who), 'attendance.checkIn', { sessionId });
        expect(a.attendance).toEqual({ present, represented: 0, voters: 3, quorumMet });
        const e = await waitForEvent(mod, typed(sessionId, 'attendance.changed', (ev) => ev.payload.membershipId === who.membershipId));
        expect(e.payload).toMatchObject({ present, quorumMet });
      }
    });

    it('needs ceil(voters·n/d) present for a fractional quorum', async () => {
      const council = await createCouncil(t, c.admin, { plenaryQuorum: { numerator: 1, denominator: 2 } });
      const moderator = await createMember(t, c.admin, council.id, 'moderator', ['moderator']);
      const voters = await Promise.all([1, 2, 3].map((i) => createMember(t, c.admin, council.id, `voter ${i}`)));
      const { sessionId } = await sitting({ councilId: council.id, moderator });
      // 3 voters · 1/2 → 2 needed.
      expect((await ok(await live.connect(voters[0]), 'attendance.checkIn', { sessionId })).attendance).toMatchObject({ present: 1, quorumMet: false });
      expect((await ok(await live.connect(voters[1]), 'attendance.checkIn', { sessionId })).attendance).toMatchObject({ present: 2, quorumMet: true });
    });

    it("has no quorum in a working group's sitting (null), where only the group's members count as present", async () => {
      const council = await createCouncil(t, c.admin, { plenaryQuorum: { count: 1 } });
      const moderator = await createMember(t, c.admin, council.id, 'moderator', ['moderator']);
      const group = await createGroup(t, c.admin, council.id);
      const [inGroup, outside] = await Promise.all([1, 2].map((i) => createMember(t, c.admin, council.id, `member ${i}`)));
      await addToGroup(t, c.admin, group.id, inGroup.membershipId);
      const { sessionId, mod } = await sitting({ councilId: council.id, moderator, extra: { kind: 'working_group', workingGroupId: group.id } });
      expect((await ok(mod, 'session.join', { sessionId })).snapshot.attendance).toEqual({ present: 0, represented: 0, voters: 1, quorumMet: null });
      expect((await ok(await live.connect(outside), 'attendance.checkIn', { sessionId })).attendance).toEqual({ present: 0, represented: 0, voters: 1, quorumMet: null });
      expect((await ok(await live.connect(inGroup), 'attendance.checkIn', { sessionId })).attendance).toEqual({ present: 1, represented: 0, voters: 1, quorumMet: null });
      const e = await waitForEvent(mod, typed(sessionId, 'attendance.changed', (ev) => ev.payload.membershipId === inGroup.membershipId));
      expect(e.payload).toMatchObject({ present: 1, quorumMet: null });
    });
  });
});
