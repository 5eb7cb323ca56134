import { ChildProcess, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import type { Socket } from 'socket.io-client';
import { startSecondNode, startTestApp, TestApp } from '../support/test-app';
import { councilWithCast, createMember } from '../support/factories';
import { createSession, eventsOf, LiveClients, ok, range, seqsOf, waitForEvent } from '../support/live';

const HEARTBEAT_MS = 300;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A Redis of this test's own, which the test stops and starts again. */
class TestRedis {
  private proc?: ChildProcess;
  constructor(readonly port: number) {}
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.proc = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (await reachable(this.port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('redis-server did not start');
  }
  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
  }
}

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

interface Beat {
  sessionId: string;
  lastSeq: number;
  at: string;
}

function nextBeat(s: Socket, sessionId: string, predicate: (b: Beat) => boolean = () => true, timeout = 10_000): Promise<Beat> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (s.off('session.heartbeat', on), reject(new Error('no heartbeat'))), timeout);
    const on = (b: Beat) => {
      if (b.sessionId !== sessionId || !predicate(b)) return;
      clearTimeout(timer);
      s.off('session.heartbeat', on);
      resolve(b);
    };
    s.on('session.heartbeat', on);
  });
}

/**
 * The drill of issue 13: two API nodes share a Redis that stops. Commands on
 * node B go on; a watcher on node A misses their broadcasts. The heartbeat
 * (the log's latest seq, from the database, sent by each node to its own
 * sockets) tells the watcher at once, with no new event needed, and
 * `session.join {afterSeq}` gives it every event it missed.
 */
describe('a watcher on one node when Redis between the nodes blinks', () => {
  let redis: TestRedis;
  let a: TestApp;
  let b: TestApp;
  let onA: LiveClients;
  let onB: LiveClients;

  beforeAll(async () => {
    redis = new TestRedis(await freePort());
    await redis.start();
    a = await startTestApp({ REDIS_URL: redis.url, KENES_LIVE_HEARTBEAT_MS: String(HEARTBEAT_MS) });
    b = await startSecondNode(a);
    onA = new LiveClients(a);
    onB = new LiveClients(b);
  });
  afterAll(async () => {
    onA?.closeAll();
    onB?.closeAll();
    await b?.close();
    await a?.close();
    await redis?.stop();
  });

  it('hears the latest seq every few seconds while nothing happens', async () => {
    const c = await councilWithCast(a);
    const s = await createSession(a, c.cast.moderator, c.council.id, { public: true });
    const watcher = await onA.connect(null);
    await ok(watcher, 'session.join', { sessionId: s.id });
    const moderator = await onA.connect(c.cast.moderator);
    await ok(moderator, 'session.join', { sessionId: s.id });
    await ok(moderator, 'session.start', { sessionId: s.id });
    const beat = await nextBeat(watcher, s.id, (x) => x.lastSeq === 1);
    expect(beat).toEqual({ sessionId: s.id, lastSeq: 1, at: expect.any(String) });
    // a socket outside the room hears nothing of it
    const outsider = await onA.connect(null);
    await expect(nextBeat(outsider, s.id, () => true, HEARTBEAT_MS * 4)).rejects.toThrow('no heartbeat');
  });

  it('lets the watcher notice and recover every event it missed while Redis was down, with no new event after', async () => {
    const c = await councilWithCast(a);
    const members = await Promise.all([1, 2, 3].map((i) => createMember(a, c.admin, c.council.id, `speaker ${i}`)));
    const s = await createSession(a, c.cast.moderator, c.council.id, { public: true });
    const watcher = await onA.connect(null);
    await ok(watcher, 'session.join', { sessionId: s.id });
    const moderator = await onB.connect(c.cast.moderator);
    await ok(moderator, 'session.join', { sessionId: s.id });
    await ok(moderator, 'session.start', { sessionId: s.id });
    await waitForEvent(watcher, (e) => e.seq === 1);

    await redis.stop();
    // Node B goes on: every command is acknowledged, its broadcasts never reach node A.
    for (const m of members) {
      const sock = await onB.connect(m);
      await ok(sock, 'session.join', { sessionId: s.id });
      await ok(sock, 'floor.request', { sessionId: s.id, kind: 'contribution' });
    }
    await ok(moderator, 'session.pause', { sessionId: s.id });
    await ok(moderator, 'session.resume', { sessionId: s.id });
    const lastSeq = 1 + members.length + 2;

    // Nothing more happens in the sitting; while Redis is still down the heartbeat (from the database, sent by
    // node A itself) tells the watcher how far the log went.
    const beat = await nextBeat(watcher, s.id, (x) => x.lastSeq === lastSeq);
    const seen = Math.max(...seqsOf(eventsOf(watcher)));
    expect(seen).toBeLessThan(lastSeq);
    const caughtUp = await ok(watcher, 'session.join', { sessionId: s.id, afterSeq: seen });
    expect(seqsOf(caughtUp.events)).toEqual(range(seen + 1, beat.lastSeq));
    expect(caughtUp.snapshot.lastSeq).toBe(lastSeq);

    // Redis comes back: the sitting goes on and reaches the watcher through it again.
    await redis.start();
    const again = await onB.connect(c.cast.moderator);
    await ok(again, 'session.join', { sessionId: s.id });
    // (the adapter resubscribes within moments of Redis's return: a command whose broadcast came too early is followed by another)
    for (let i = 0; i < 50 && !eventsOf(watcher).some((e) => e.seq > lastSeq); i++) {
      await ok(again, i % 2 ? 'session.resume' : 'session.pause', { sessionId: s.id });
      await waitForEvent(watcher, (e) => e.seq > lastSeq, 500).catch(() => null);
    }
    expect(eventsOf(watcher).some((e) => e.seq > lastSeq)).toBe(true);
  });
});
