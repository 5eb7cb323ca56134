import { randomUUID } from 'node:crypto';
import { Socket } from 'socket.io-client';
import { startTestApp, TestApp } from '../support/test-app';
import { councilWithCast, createMember, Session } from '../support/factories';
import { ISO_INSTANT } from '../support/problems';
import { SessionSnapshotService } from '@kenes/sessions/session-snapshot.service';
import { ack, addItem, createSession, eventLog, eventsOf, LiveClients, LiveEvent, ok, range, seqsOf, waitForEvent, waitForEvents } from '../support/live';

type Cast = Awaited<ReturnType<typeof councilWithCast>>;
type Member = Session & { membershipId: string };

describe('live sessions (/live)', () => {
  let t: TestApp;
  let c: Cast;
  let live: LiveClients;
  let members: Member[];

  beforeAll(async () => {
    t = await startTestApp();
    live = new LiveClients(t);
    c = await councilWithCast(t);
    members = await Promise.all(Array.from({ length: 10 }, (_, i) => createMember(t, c.admin, c.council.id, `member ${i}`)));
  });
  afterEach(() => live.closeAll());
  afterAll(async () => {
    live.closeAll();
    await t.close();
  });

  const session = (extra: Record<string, unknown> = {}) => createSession(t, c.cast.moderator, c.council.id, extra);
  /** A socket of `who` (anonymous when null) that joined the session. */
  const joined = async (who: Session | null, sessionId: string): Promise<Socket> => {
    const s = await live.connect(who);
    await ok(s, 'session.join', { sessionId });
    return s;
  };
  const sessionOf = (sessionId: string) => (e: LiveEvent) => e.sessionId === sessionId;

  describe('session.join', () => {
    it('answers {ok, snapshot, events}: the snapshot with lastSeq, and the events after afterSeq', async () => {
      const s = await session();
      const mod = await joined(c.cast.moderator, s.id);
      await ok(mod, 'session.start', { sessionId: s.id });
      await ok(mod, 'session.pause', { sessionId: s.id });
      await ok(mod, 'session.resume', { sessionId: s.id });
      const m = await live.connect(c.cast.member);
      const plain = await ok(m, 'session.join', { sessionId: s.id });
      expect(plain).toEqual({ ok: true, snapshot: expect.objectContaining({ id: s.id, state: 'live', lastSeq: 3, agenda: [], queue: [], floor: null }), events: [], more: false });
      const all = await ok(m, 'session.join', { sessionId: s.id, afterSeq: 0 });
      expect(seqsOf(all.events)).toEqual([1, 2, 3]);
      expect(all.events.map((e: LiveEvent) => e.type)).toEqual(['session.started', 'session.paused', 'session.resumed']);
      expect(all.events[1]).toEqual({ sessionId: s.id, seq: 2, type: 'session.paused', at: expect.stringMatching(ISO_INSTANT), actor: c.cast.moderator.userId, payload: { state: 'paused', floor: null } });
      expect(seqsOf((await ok(m, 'session.join', { sessionId: s.id, afterSeq: 2 })).events)).toEqual([3]);
      expect((await ok(m, 'session.join', { sessionId: s.id, afterSeq: 3 })).events).toEqual([]);
      expect((await ok(m, 'session.join', { sessionId: s.id, afterSeq: 99 })).events).toEqual([]);
    });

    it('admits the council except observers to a non-public session (404 for observers, outsiders and anonymous sockets)', async () => {
      const s = await session();
      for (const role of ['member', 'secretariat', 'agency_rep', 'moderator', 'chair'] as const) await joined(c.cast[role], s.id);
      for (const who of [c.cast.observer, c.outsider, null]) {
        const a = await ack(await live.connect(who), 'session.join', { sessionId: s.id });
        expect(a).toMatchObject({ ok: false, error: { status: 404, type: expect.any(String), title: expect.any(String), detail: expect.any(String) } });
      }
      expect(await ack(await live.connect(c.cast.member), 'session.join', { sessionId: randomUUID() })).toMatchObject({ ok: false, error: { status: 404 } });
    });

    it('lets anyone watch a public session; commands that need a token answer 401 to an anonymous socket, 403 to an observer', async () => {
      const s = await session({ public: true });
      const anon = await live.connect();
      const a = await ok(anon, 'session.join', { sessionId: s.id, afterSeq: 0 });
      expect(a.snapshot).toMatchObject({ id: s.id, public: true });
      const observer = await joined(c.cast.observer, s.id);
      const outsider = await joined(c.outsider, s.id);
      const mod = await joined(c.cast.moderator, s.id);
      await ok(mod, 'session.start', { sessionId: s.id });
      await Promise.all([anon, observer, outsider].map((sock) => waitForEvent(sock, (e) => e.sessionId === s.id && e.type === 'session.started')));
      for (const [event, payload] of [
        ['floor.request', { sessionId: s.id }],
        ['attendance.checkIn', { sessionId: s.id }],
        ['session.pause', { sessionId: s.id }],
      ] as const) {
        expect(await ack(anon, event, payload)).toMatchObject({ ok: false, error: { status: 401 } });
        expect(await ack(observer, event, payload)).toMatchObject({ ok: false, error: { status: 403 } });
        expect(await ack(outsider, event, payload)).toMatchObject({ ok: false, error: { status: 403 } });
      }
      expect(await ack(anon, 'ballot.cast', { pollId: randomUUID(), choice: 'for' })).toMatchObject({ ok: false, error: { status: 401 } });
    });

    it('validates payloads like bodies: 400 with errors for unknown fields, a missing or malformed sessionId', async () => {
      const m = await live.connect(c.cast.member);
      const s = await session();
      const cases: [unknown, string][] = [
        [{ sessionId: s.id, extra: 1 }, 'extra'],
        [{}, 'sessionId'],
        [{ sessionId: 'not-a-uuid' }, 'sessionId'],
        [{ sessionId: s.id, afterSeq: -1 }, 'afterSeq'],
        [{ sessionId: s.id, afterSeq: '2' }, 'afterSeq'],
      ];
      for (const [payload, field] of cases) {
        const a = await ack(m, 'session.join', payload);
        expect(a).toMatchObject({ ok: false, error: { status: 400 } });
        if (!a.ok) expect(a.error.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.any(String) })]));
      }
      for (const payload of [null, 'x', [s.id], undefined]) expect(await ack(m, 'session.join', payload)).toMatchObject({ ok: false, error: { status: 400, errors: expect.any(Array) } });
      const mod = await live.connect(c.cast.moderator);
      expect(await ack(mod, 'session.start', { sessionId: s.id, force: true })).toMatchObject({ ok: false, error: { status: 400, errors: [expect.objectContaining({ field: 'force' })] } });
      expect(await ack(mod, 'session.start', { sessionId: 'x' })).toMatchObject({ ok: false, error: { status: 400, errors: [expect.objectContaining({ field: 'sessionId' })] } });
      expect(await ack(mod, 'floor.request', { sessionId: s.id, kind: 'shout' })).toMatchObject({ ok: false, error: { status: 400, errors: [expect.objectContaining({ field: 'kind' })] } });
      // Nothing was started by the refused commands.
      expect((await ok(m, 'session.join', { sessionId: s.id })).snapshot).toMatchObject({ state: 'scheduled', lastSeq: 0 });
    });

    it('never answers a join with a snapshot older than a change made before it: an agenda item added, a state changed', async () => {
      const s = await session({ public: true });
      const mod = await joined(c.cast.moderator, s.id);
      const watcher = await live.connect();
      expect((await ok(watcher, 'session.join', { sessionId: s.id })).snapshot.agenda).toEqual([]);
      // within the time a snapshot is kept for joiners: no event is logged for a new item, the session's row tells
      const item = await addItem(t, c.cast.moderator, s.id);
      const again = await ok(watcher, 'session.join', { sessionId: s.id });
      expect(again.snapshot.agenda.map((i: { id: string }) => i.id)).toEqual([item.id]);
      await ok(mod, 'session.start', { sessionId: s.id });
      const third = await ok(watcher, 'session.join', { sessionId: s.id });
      expect(third.snapshot).toMatchObject({ state: 'live', lastSeq: 1 });
      expect(third.events).toEqual([]);
    });

    it('lets a hall that joins at once share the snapshot reads, and every joiner still sees every event after its own snapshot', async () => {
      const s = await session({ public: true });
      const mod = await joined(c.cast.moderator, s.id);
      await ok(mod, 'session.start', { sessionId: s.id });
      const hall = await Promise.all(Array.from({ length: 40 }, () => live.connect()));
      const snapshots = jest.spyOn(t.app.get(SessionSnapshotService), 'snapshotOf');
      try {
        // The hall joins while the moderator pauses and resumes: events are committed during the joins.
        const joining = Promise.all(hall.map((sock) => ok(sock, 'session.join', { sessionId: s.id })));
        for (let i = 0; i < 3; i++) {
          await ok(mod, 'session.pause', { sessionId: s.id });
          await ok(mod, 'session.resume', { sessionId: s.id });
        }
        const acks = await joining;
        expect(snapshots.mock.calls.length).toBeGreaterThan(0);
        expect(snapshots.mock.calls.length).toBeLessThan(hall.length / 2);
        const last = 1 + 6;
        for (const [i, a] of acks.entries()) {
          const after: number = a.snapshot.lastSeq;
          expect(after).toBeGreaterThanOrEqual(1);
          // The room delivers up to the last event, unless the join's catch-up already carried it.
          if (after < last && !a.events.some((e: LiveEvent) => e.seq === last)) await waitForEvent(hall[i], (e) => sessionOf(s.id)(e) && e.seq === last);
          // The catch-up and the room together: every seq after this joiner's snapshot, none missing.
          const seqs = new Set([...a.events, ...eventsOf(hall[i])].filter(sessionOf(s.id)).map((e) => e.seq).filter((q) => q > after));
          expect([...seqs].sort((x, y) => x - y)).toEqual(range(after + 1, last));
        }
      } finally {
        snapshots.mockRestore();
      }
    });
  });

  describe('session.start, pause, resume, close', () => {
    it.each(['moderator', 'chair'] as const)('lets the %s run the sitting; each change acks {ok, state} and is broadcast to everyone in the room', async (role) => {
      const s = await session({ public: true });
      const runner = await joined(c.cast[role], s.id);
      const watchers = [await joined(c.cast.member, s.id), await joined(c.cast.observer, s.id), await joined(null, s.id)];
      expect(await ack(runner, 'session.start', { sessionId: s.id })).toEqual({ ok: true, state: 'live' });
      expect(await ack(runner, 'session.pause', { sessionId: s.id })).toEqual({ ok: true, state: 'paused' });
      expect(await ack(runner, 'session.resume', { sessionId: s.id })).toEqual({ ok: true, state: 'live' });
      expect(await ack(runner, 'session.pause', { sessionId: s.id })).toEqual({ ok: true, state: 'paused' });
      expect(await ack(runner, 'session.close', { sessionId: s.id })).toEqual({ ok: true, state: 'closed' });
      const types = ['session.started', 'session.paused', 'session.resumed', 'session.paused', 'session.closed'];
      for (const sock of [runner, ...watchers]) {
        const got = await waitForEvents(sock, sessionOf(s.id), 5);
        expect(got.map((e) => e.type)).toEqual(types);
        expect(seqsOf(got)).toEqual([1, 2, 3, 4, 5]);
        for (const e of got) expect(e).toEqual({ sessionId: s.id, seq: expect.any(Number), type: expect.any(String), at: expect.stringMatching(ISO_INSTANT), actor: c.cast[role].userId, payload: expect.any(Object) });
      }
      expect(await eventLog(t, null, s.id)).toEqual(eventsOf(watchers[0]));
      expect((await ok(watchers[0], 'session.join', { sessionId: s.id })).snapshot).toMatchObject({ state: 'closed', lastSeq: 5, startedAt: expect.stringMatching(ISO_INSTANT), closedAt: expect.stringMatching(ISO_INSTANT) });
    });

    it('refuses members and others without the role (403), outsiders (404), anonymous sockets (401)', async () => {
      const s = await session();
      for (const command of ['session.start', 'session.pause', 'session.resume', 'session.close']) {
        for (const role of ['member', 'secretariat', 'agency_rep'] as const) {
          expect(await ack(await live.connect(c.cast[role]), command, { sessionId: s.id })).toMatchObject({ ok: false, error: { status: 403 } });
        }
        expect(await ack(await live.connect(c.cast.observer), command, { sessionId: s.id })).toMatchObject({ ok: false, error: { status: 404 } });
        expect(await ack(await live.connect(c.outsider), command, { sessionId: s.id })).toMatchObject({ ok: false, error: { status: 404 } });
        expect(await ack(await live.connect(), command, { sessionId: s.id })).toMatchObject({ ok: false, error: { status: 401 } });
        live.closeAll();
      }
      expect((await eventLog(t, c.cast.member, s.id)).length).toBe(0);
    });

    it('answers 409 for a move the state does not allow, and changes nothing', async () => {
      const s = await session();
      const mod = await joined(c.cast.moderator, s.id);
      const refused = async (command: string, state: string) => {
        const a = await ack(mod, `session.${command}`, { sessionId: s.id });
        expect(a).toMatchObject({ ok: false, error: { status: 409, type: expect.any(String), detail: expect.any(String) } });
        expect((await ok(mod, 'session.join', { sessionId: s.id })).snapshot.state).toBe(state);
      };
      await refused('close', 'scheduled');
      await refused('pause', 'scheduled');
      await refused('resume', 'scheduled');
      await ok(mod, 'session.start', { sessionId: s.id });
      await refused('resume', 'live');
      await refused('start', 'live');
      await ok(mod, 'session.pause', { sessionId: s.id });
      await refused('pause', 'paused');
      await refused('start', 'paused');
      await ok(mod, 'session.close', { sessionId: s.id });
      for (const command of ['start', 'pause', 'resume', 'close']) await refused(command, 'closed');
      expect(seqsOf(await eventLog(t, c.cast.member, s.id))).toEqual([1, 2, 3]);
    });
  });

  describe('agenda.open', () => {
    it('opens an item of the live sitting (agenda.opened), closing the one before; 403 for a member, 404 for a foreign item, 409 unless live', async () => {
      const s = await session();
      const other = await session();
      const [first, second, foreign] = [await addItem(t, c.cast.moderator, s.id, { minutes: 5 }), await addItem(t, c.cast.moderator, s.id, { speakerMembershipIds: [members[0].membershipId] }), await addItem(t, c.cast.moderator, other.id)];
      const mod = await joined(c.cast.moderator, s.id);
      expect(await ack(mod, 'agenda.open', { sessionId: s.id, itemId: first.id })).toMatchObject({ ok: false, error: { status: 409 } });
      await ok(mod, 'session.start', { sessionId: s.id });
      const opened = await ok(mod, 'agenda.open', { sessionId: s.id, itemId: first.id });
      expect(opened.item).toMatchObject({ id: first.id, status: 'open', position: 1 });
      const event = await waitForEvent(mod, (e) => e.type === 'agenda.opened');
      expect(event).toMatchObject({ seq: 2, actor: c.cast.moderator.userId, payload: { itemId: first.id, position: 1, minutes: 5, proposalId: null, title: expect.any(String) } });
      expect(await ack(await live.connect(c.cast.member), 'agenda.open', { sessionId: s.id, itemId: second.id })).toMatchObject({ ok: false, error: { status: 403 } });
      for (const itemId of [foreign.id, randomUUID()]) expect(await ack(mod, 'agenda.open', { sessionId: s.id, itemId })).toMatchObject({ ok: false, error: { status: 404 } });
      expect(await ack(mod, 'agenda.open', { sessionId: s.id })).toMatchObject({ ok: false, error: { status: 400, errors: [expect.objectContaining({ field: 'itemId' })] } });
      await ok(mod, 'agenda.open', { sessionId: s.id, itemId: second.id });
      expect((await waitForEvent(mod, (e) => e.type === 'agenda.opened' && e.seq === 3)).payload).toMatchObject({ itemId: second.id, speakerMembershipIds: [members[0].membershipId] });
      const snap = (await ok(mod, 'session.join', { sessionId: s.id })).snapshot;
      expect(snap).toMatchObject({ currentItemId: second.id, lastSeq: 3 });
      expect(snap.agenda.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([[first.id, 'done'], [second.id, 'open']]);
    });
  });

  describe('the event stream', () => {
    it('sends a session only to the sockets that joined it', async () => {
      const [a, b] = [await session(), await session()];
      const onlyB = await joined(c.cast.member, b.id);
      const mod = await live.connect(c.cast.moderator);
      await ok(mod, 'session.start', { sessionId: a.id });
      await ok(mod, 'session.start', { sessionId: b.id });
      await waitForEvent(onlyB, (e) => e.sessionId === b.id && e.seq === 1);
      expect(eventsOf(onlyB).filter(sessionOf(a.id))).toEqual([]);
      expect(eventsOf(mod)).toEqual([]);
    });

    it('numbers concurrent commands 1 by 1: 10 members asking for the floor at once', async () => {
      const s = await session();
      const mod = await joined(c.cast.moderator, s.id);
      const observer = await joined(c.cast.member, s.id);
      await ok(mod, 'session.start', { sessionId: s.id });
      const sockets = await Promise.all(members.map((m) => live.connect(m)));
      const acks = await Promise.all(sockets.map((sock) => ack(sock, 'floor.request', { sessionId: s.id })));
      expect(acks.every((a) => a.ok)).toBe(true);
      const got = await waitForEvents(observer, sessionOf(s.id), 11);
      // Distinct, consecutive, and in arrival order: a watcher never sees a gap.
      expect(seqsOf(got)).toEqual(range(1, 11));
      const requests = got.filter((e) => e.type === 'floor.requested');
      expect(new Set(requests.map((e) => e.payload.membershipId))).toEqual(new Set(members.map((m) => m.membershipId)));
      // Each request saw every earlier one: the queue grows by one per seq.
      expect(requests.map((e) => (e.payload.queue as unknown[]).length)).toEqual(range(1, 10));
      expect(await eventLog(t, c.cast.member, s.id)).toEqual(got);
      const snap = (await ok(observer, 'session.join', { sessionId: s.id })).snapshot;
      expect(snap).toMatchObject({ lastSeq: 11 });
      expect(snap.queue.map((q: { membershipId: string }) => q.membershipId)).toEqual(requests.map((e) => e.payload.membershipId));
    });

    it('lets every watcher see 1..n without gaps, and a latecomer catch up from afterSeq=k with exactly k+1..n', async () => {
      const s = await session({ public: true });
      const watcher = await joined(c.cast.observer, s.id);
      const mod = await joined(c.cast.moderator, s.id);
      const [m1, m2, m3] = await Promise.all(members.slice(0, 3).map((m) => live.connect(m)));
      await ok(mod, 'session.start', { sessionId: s.id });
      await Promise.all([m1, m2, m3].map((sock, i) => ok(sock, 'floor.request', { sessionId: s.id, kind: i === 2 ? 'point_of_order' : 'pro' })));
      await Promise.all([ok(m1, 'floor.withdraw', { sessionId: s.id }), ok(m2, 'attendance.checkIn', { sessionId: s.id }), ok(mod, 'session.pause', { sessionId: s.id })]);
      await ok(mod, 'session.resume', { sessionId: s.id });
      await ok(mod, 'floor.grant', { sessionId: s.id, membershipId: members[2].membershipId, seconds: 60 });
      await ok(mod, 'floor.end', { sessionId: s.id });
      const n = 10;
      const seen = await waitForEvents(watcher, sessionOf(s.id), n);
      expect(seqsOf(seen)).toEqual(range(1, n));
      expect(await eventLog(t, null, s.id)).toEqual(seen);

      const k = 4;
      const late = await live.connect();
      const caught = await ok(late, 'session.join', { sessionId: s.id, afterSeq: k });
      expect(caught.snapshot.lastSeq).toBe(n);
      expect(seqsOf(caught.events)).toEqual(range(k + 1, n));
      expect(caught.events).toEqual(seen.slice(k));
      // From now on the latecomer gets the live events too, continuing at n + 1.
      await ok(mod, 'session.close', { sessionId: s.id });
      expect((await waitForEvent(late, (e) => e.type === 'session.closed')).seq).toBe(n + 1);
    });
  });
});
