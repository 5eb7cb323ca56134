import { startSecondNode, startTestApp, TestApp } from '../support/test-app';
import { councilWithCast, createMember } from '../support/factories';
import { createSession, LiveClients, ok, waitForEvent } from '../support/live';

/**
 * Two API nodes on one database, sharing rooms through the socket.io Redis
 * adapter: a client on one node sees the events caused on the other, and a
 * node that stops (a restart) leaves the session to be resumed from the
 * database, clients catching up with afterSeq.
 */
describe('several API nodes', () => {
  let a: TestApp;
  let b: TestApp;
  let onA: LiveClients;
  let onB: LiveClients;

  beforeAll(async () => {
    a = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:6379' });
    b = await startSecondNode(a);
    onA = new LiveClients(a);
    onB = new LiveClients(b);
  });
  afterAll(async () => {
    onA.closeAll();
    onB.closeAll();
    await b.close();
    await a.close();
  });

  it('delivers an event caused on node B to a watcher on node A, in order', async () => {
    const c = await councilWithCast(a);
    const member = await createMember(a, c.admin, c.council.id, 'member');
    const s = await createSession(a, c.cast.moderator, c.council.id, { public: true });
    const watcher = await onA.connect(null);
    await ok(watcher, 'session.join', { sessionId: s.id });
    const moderator = await onB.connect(c.cast.moderator);
    await ok(moderator, 'session.join', { sessionId: s.id });
    await ok(moderator, 'session.start', { sessionId: s.id });
    const started = await waitForEvent(watcher, (e) => e.type === 'session.started');
    expect(started.seq).toBe(1);
    const speaker = await onB.connect(member);
    await ok(speaker, 'session.join', { sessionId: s.id });
    await ok(speaker, 'floor.request', { sessionId: s.id, kind: 'pro' });
    const requested = await waitForEvent(watcher, (e) => e.type === 'floor.requested');
    expect(requested.seq).toBe(2);
    expect(requested.payload).toMatchObject({ membershipId: member.membershipId, kind: 'pro' });
  });

  it('resumes a sitting on another node after one stops: state, floor and queue come from the database', async () => {
    const c = await councilWithCast(a);
    const member = await createMember(a, c.admin, c.council.id, 'member');
    const s = await createSession(a, c.cast.moderator, c.council.id);
    const mod = await onA.connect(c.cast.moderator);
    await ok(mod, 'session.join', { sessionId: s.id });
    await ok(mod, 'session.start', { sessionId: s.id });
    await ok(mod, 'floor.grant', { sessionId: s.id, membershipId: member.membershipId, seconds: 600 });
    const third = await onA.connect(member);
    await ok(third, 'session.join', { sessionId: s.id });
    await ok(third, 'floor.request', { sessionId: s.id });
    const seen = (await ok(third, 'session.join', { sessionId: s.id })).snapshot.lastSeq as number;
    onA.closeAll();
    // A third node stands in for node A restarted: nothing of the sitting lived only in A's memory.
    const c2 = await startSecondNode(a);
    const clients = new LiveClients(c2);
    try {
      const back = await clients.connect(c.cast.moderator);
      const joined = await ok(back, 'session.join', { sessionId: s.id, afterSeq: 0 });
      expect(joined.snapshot).toMatchObject({ state: 'live', lastSeq: seen, floor: { membershipId: member.membershipId } });
      expect(joined.snapshot.queue).toEqual([expect.objectContaining({ membershipId: member.membershipId })]);
      expect(joined.events.map((e: { seq: number }) => e.seq)).toEqual(Array.from({ length: seen }, (_, i) => i + 1));
      await ok(back, 'floor.end', { sessionId: s.id });
      const ended = await waitForEvent(back, (e) => e.type === 'floor.ended');
      expect(ended.seq).toBe(seen + 1);
    } finally {
      clients.closeAll();
      await c2.close();
    }
  });
});
