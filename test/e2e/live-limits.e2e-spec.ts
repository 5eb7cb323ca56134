import { Socket } from 'socket.io-client';
import { FLOOR_REQUESTS_PER_WINDOW } from '@kenes/sessions/session-commands.service';
import { SessionSnapshotService } from '@kenes/sessions/session-snapshot.service';
import { JOIN_EVENTS_LIMIT } from '../../apps/api/src/live/live.gateway';
import { startTestApp, TestApp } from '../support/test-app';
import { councilWithCast, createMember, Session } from '../support/factories';
import { Ack, ack, createSession, eventLog, LiveClients, ok, postSessionPoll, range, seqsOf, WAIT_MS } from '../support/live';

type Member = Session & { membershipId: string };

/** Resolves with the reason of the socket's disconnect (rejects after `ms` while still connected). */
function disconnected(s: Socket, ms = WAIT_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('still connected')), ms);
    s.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

describe('live limits and payload hygiene', () => {
  let t: TestApp;
  let live: LiveClients;
  let c: Awaited<ReturnType<typeof councilWithCast>>;
  let m: Member[];

  beforeAll(async () => {
    t = await startTestApp();
    live = new LiveClients(t);
    c = await councilWithCast(t);
    m = await Promise.all(Array.from({ length: 2 }, (_, i) => createMember(t, c.admin, c.council.id, `member ${i}`)));
  });
  afterEach(() => {
    live.closeAll();
    jest.restoreAllMocks();
  });
  afterAll(async () => {
    live.closeAll();
    await t.close();
  });

  describe('per-socket rate limit', () => {
    it('answers a burst of joins of one session with one snapshot, refuses a flood with 429 and a retry hint, then disconnects it', async () => {
      const s = await createSession(t, c.cast.moderator, c.council.id, { public: true });
      const watcher = await live.connect();
      const snapshots = jest.spyOn(t.app.get(SessionSnapshotService), 'snapshotOf');

      // Normal use, even a reconnecting client's eager burst: all answered, and the same session's joins share one snapshot.
      const burst = await Promise.all(Array.from({ length: 30 }, () => ack(watcher, 'session.join', { sessionId: s.id })));
      expect(burst.filter((a) => a.ok)).toHaveLength(30);
      expect(snapshots).toHaveBeenCalledTimes(1);

      // A loop: the bucket runs dry, refusals say when to retry, and a socket that keeps on is disconnected.
      const closed = new Promise<{ reason: string; error: { status: number } }>((resolve) => watcher.once('live.closed', resolve));
      const gone = disconnected(watcher);
      const acks: Ack[] = [];
      for (let i = 0; i < 1000; i++) watcher.emit('session.join', { sessionId: s.id }, (a: Ack) => acks.push(a));
      expect(await gone).toBe('io server disconnect');
      expect(await closed).toMatchObject({ reason: 'rate_limited', error: { status: 429 } });
      const refused = acks.filter((a): a is Extract<Ack, { ok: false }> => !a.ok);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused[0].error).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfter: expect.any(Number), retryAfterMs: expect.any(Number) });
      expect(refused[0].error.retryAfter as number).toBeGreaterThanOrEqual(1);
      expect(acks.filter((a) => a.ok).length).toBeLessThan(300);

      // The server is none the worse, and another socket joins as usual.
      await t.http().get('/health').expect(200);
      await ok(await live.connect(), 'session.join', { sessionId: s.id });
    });

    it('limits floor requests per member and session (429 with retryAfter), while withdrawing and other members stay free', async () => {
      const s = await createSession(t, c.cast.moderator, c.council.id);
      const mod = await live.connect(c.cast.moderator);
      await ok(mod, 'session.join', { sessionId: s.id });
      await ok(mod, 'session.start', { sessionId: s.id });
      const [a, b] = await Promise.all(m.map((x) => live.connect(x)));
      for (let i = 0; i < FLOOR_REQUESTS_PER_WINDOW; i++) {
        await ok(a, 'floor.request', { sessionId: s.id });
        await ok(a, 'floor.withdraw', { sessionId: s.id });
      }
      const refused = await ack(a, 'floor.request', { sessionId: s.id, kind: 'point_of_order' });
      expect(refused).toMatchObject({ ok: false, error: { status: 429, code: 'FLOOR_REQUESTS_LIMITED', retryAfter: expect.any(Number) } });
      expect(refused.ok ? 0 : (refused.error.retryAfter as number)).toBeGreaterThanOrEqual(1);
      // Another member is not held back by the first one's requests.
      await ok(b, 'floor.request', { sessionId: s.id });
      // The refusal left nothing in the log: the member's requests and withdrawals, then the other's request.
      const floorEvents = (await eventLog(t, c.cast.moderator, s.id)).filter((e) => e.type.startsWith('floor.'));
      expect(floorEvents.filter((e) => e.payload.membershipId === m[0].membershipId)).toHaveLength(2 * FLOOR_REQUESTS_PER_WINDOW);
      expect(floorEvents.at(-1)).toMatchObject({ type: 'floor.requested', payload: { membershipId: m[1].membershipId } });
    });
  });

  describe('session.join catch-up', () => {
    it(`pages the events after afterSeq, ${JOIN_EVENTS_LIMIT} at a time, with more: true until the end`, async () => {
      const s = await createSession(t, c.cast.moderator, c.council.id);
      const total = 2 * JOIN_EVENTS_LIMIT + 200;
      // A long sitting's log, written as the event service writes it (seq from the session row).
      await t.db.query(
        `INSERT INTO session_events (session_id, seq, type, actor_user_id, payload)
         SELECT $1, g, 'attendance.changed', NULL, jsonb_build_object('present', 0, 'quorumMet', NULL) FROM generate_series(1, $2::int) g`,
        [s.id, total],
      );
      await t.db.query('UPDATE sessions SET last_seq = $2 WHERE id = $1', [s.id, total]);
      const member = await live.connect(m[0]);

      const first = await ok(member, 'session.join', { sessionId: s.id, afterSeq: 0 });
      expect(first.snapshot.lastSeq).toBe(total);
      expect(first.more).toBe(true);
      expect(seqsOf(first.events)).toEqual(range(1, JOIN_EVENTS_LIMIT));
      const second = await ok(member, 'session.join', { sessionId: s.id, afterSeq: first.events.at(-1).seq });
      expect(second.more).toBe(true);
      expect(seqsOf(second.events)).toEqual(range(JOIN_EVENTS_LIMIT + 1, 2 * JOIN_EVENTS_LIMIT));
      const last = await ok(member, 'session.join', { sessionId: s.id, afterSeq: second.events.at(-1).seq });
      expect(last.more).toBe(false);
      expect(seqsOf(last.events)).toEqual(range(2 * JOIN_EVENTS_LIMIT + 1, total));
      // Without afterSeq the client starts at the snapshot: nothing to catch up.
      expect(await ok(member, 'session.join', { sessionId: s.id })).toMatchObject({ events: [], more: false, snapshot: { lastSeq: total } });
    });
  });

  describe('payload hygiene', () => {
    it.each([
      ['a NUL character', 'key\u0000one'],
      ['a lone surrogate', 'key\uD800one'],
    ])('answers ballot.cast 400 naming idempotencyKey for %s, and the ballot still goes in', async (_label, key) => {
      const s = await createSession(t, c.cast.moderator, c.council.id);
      const mod = await live.connect(c.cast.moderator);
      await ok(mod, 'session.join', { sessionId: s.id });
      await ok(mod, 'session.start', { sessionId: s.id });
      const poll = await postSessionPoll(t, c.cast.moderator, s.id, { rule: { method: 'majority', base: 'cast' } });
      expect(poll.status).toBe(201);
      await ok(mod, 'poll.open', { pollId: poll.body.id });
      const voter = await live.connect(m[0]);
      const refused = await ack(voter, 'ballot.cast', { pollId: poll.body.id, choice: 'for', idempotencyKey: key });
      expect(refused).toMatchObject({ ok: false, error: { status: 400, errors: [{ field: 'idempotencyKey', message: expect.any(String) }] } });
      expect((await ok(voter, 'ballot.cast', { pollId: poll.body.id, choice: 'for', idempotencyKey: 'key-one' })).receipt).toEqual(expect.any(String));
    });

    it('checks every command and auth.refresh, nested fields and field names too, after the 401', async () => {
      const s = await createSession(t, c.cast.moderator, c.council.id, { public: true });
      const member = await live.connect(m[0]);
      expect(await ack(member, 'auth.refresh', { token: 'a\u0000b' })).toMatchObject({ ok: false, error: { status: 400, errors: [{ field: 'token' }] } });
      expect(await ack(member, 'floor.request', { sessionId: s.id, kind: '\uDC00' })).toMatchObject({ ok: false, error: { status: 400, errors: [{ field: 'kind' }] } });
      expect(await ack(member, 'session.join', { sessionId: s.id, 'x\u0000': 1 })).toMatchObject({ ok: false, error: { status: 400, errors: [{ field: 'x\u0000' }] } });
      // Anonymous: a command that needs a user says 401 first.
      const anonymous = await live.connect();
      expect(await ack(anonymous, 'floor.request', { sessionId: s.id, kind: 'a\u0000' })).toMatchObject({ ok: false, error: { status: 401 } });
    });
  });
});
