import { createHash } from 'node:crypto';
import { startSecondNode, startTestApp, TestApp } from '../support/test-app';
import { councilWithCast, createMember } from '../support/factories';
import { createSession, LiveClients, ok, postSessionPoll, waitForEvent } from '../support/live';

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

  it('resumes a sitting and its open poll on another node after the first stops: no acknowledged ballot is lost', async () => {
    const c = await councilWithCast(a);
    const voters = await Promise.all([1, 2, 3].map((i) => createMember(a, c.admin, c.council.id, `voter ${i}`)));
    const s = await createSession(a, c.cast.moderator, c.council.id);
    const pollRes = await postSessionPoll(a, c.cast.moderator, s.id, { rule: { method: 'majority', base: 'cast' } });
    expect(pollRes.status).toBe(201);
    const pollId: string = pollRes.body.id;

    // Node X runs the first half of the sitting, then stops.
    const x = await startSecondNode(a);
    const onX = new LiveClients(x);
    let seen: number;
    const receipts: string[] = [];
    try {
      const mod = await onX.connect(c.cast.moderator);
      await ok(mod, 'session.join', { sessionId: s.id });
      await ok(mod, 'session.start', { sessionId: s.id });
      await ok(mod, 'floor.grant', { sessionId: s.id, membershipId: voters[0].membershipId, seconds: 600 });
      await ok(mod, 'poll.open', { pollId });
      for (const [i, v] of voters.entries()) {
        const sock = await onX.connect(v);
        await ok(sock, 'session.join', { sessionId: s.id });
        receipts.push((await ok(sock, 'ballot.cast', { pollId, choice: i === 2 ? 'against' : 'for' })).receipt as string);
      }
      seen = (await ok(mod, 'session.join', { sessionId: s.id })).snapshot.lastSeq as number;
    } finally {
      onX.closeAll();
      await x.close();
    }

    // Node Y takes over from the database alone.
    const y = await startSecondNode(a);
    const onY = new LiveClients(y);
    try {
      const mod = await onY.connect(c.cast.moderator);
      const joined = await ok(mod, 'session.join', { sessionId: s.id, afterSeq: 0 });
      expect(joined.snapshot).toMatchObject({ state: 'live', floor: { membershipId: voters[0].membershipId } });
      expect(joined.snapshot.lastSeq).toBeGreaterThanOrEqual(seen);
      const seqs = joined.events.map((e: { seq: number }) => e.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      const closed = await ok(mod, 'poll.close', { pollId });
      expect(closed.poll.tally).toMatchObject({ participation: 3, counts: { for: 2, against: 1 }, outcome: 'adopted' });
      const listed = await a.http().get(`/api/v1/polls/${pollId}/receipts`).set({ Authorization: `Bearer ${c.cast.member.token}` }).expect(200);
      expect(listed.body.items.map((r: { receiptHash: string }) => r.receiptHash).sort()).toEqual(receipts.map((r) => createHash('sha256').update(r).digest('hex')).sort());
    } finally {
      onY.closeAll();
      await y.close();
    }
  });
});
