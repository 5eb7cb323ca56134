import { JwtService } from '@nestjs/jwt';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cpus, loadavg, totalmem } from 'node:os';
import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';
import { Benchmark, metric, round } from './harness';
import { heapLines, summarizeHeap } from './heap-summary';
import { Child, now, sleep } from './live-ipc';
import { api, scratchDatabase, startServer } from './support';

const int = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number`);
  return Math.floor(v);
};

/** The issue's aim for one machine. */
const OBSERVERS_AIMED = 5000;
const OBSERVERS = int('BENCH_LIVE_OBSERVERS', OBSERVERS_AIMED);
const MEMBERS = int('BENCH_LIVE_MEMBERS', 300);
/** Ballots per second, all members together, at a steady pace. */
const RATE = int('BENCH_LIVE_RATE', 50);
/** Observer sockets per worker process (the worker count follows unless BENCH_LIVE_WORKERS says otherwise). */
const PER_WORKER = int('BENCH_LIVE_PER_WORKER', 1000);
const WORKERS = int('BENCH_LIVE_WORKERS', Math.max(1, Math.ceil(OBSERVERS / PER_WORKER)));
/** Connections each worker opens at a time (each one a handshake and a session.join). */
const CONNECT_CONCURRENCY = int('BENCH_LIVE_CONNECT_CONCURRENCY', 20);
/** KENES_TALLY_INTERVAL_MS's default in the API; given to both servers explicitly. */
const INTERVAL_MS = 250;
const RULE = { method: 'majority', base: 'cast' };
const COMMAND_TIMEOUT_MS = 15_000;
/**
 * BENCH_LIVE_HEAP=dir: each server writes a heap snapshot into dir/<kenes|baseline> once every socket has
 * joined, and the bench prints where the memory went (bench/heap-summary.ts). Off by default: a snapshot of
 * thousands of sockets takes a minute and twice the heap.
 */
const HEAP_DIR = process.env.BENCH_LIVE_HEAP ? resolve(process.env.BENCH_LIVE_HEAP) : null;
const heapEnv = (label: string): Record<string, string> => {
  if (!HEAP_DIR) return {};
  const dir = join(HEAP_DIR, label);
  mkdirSync(dir, { recursive: true });
  return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${dir}`.trim() };
};

/** Signals the process to write a heap snapshot (see heapEnv) and waits until the file is whole. */
async function heapSnapshot(pid: number, label: string): Promise<string> {
  const dir = join(HEAP_DIR as string, label);
  const before = new Set(readdirSync(dir));
  process.kill(pid, 'SIGUSR2');
  const deadline = now() + 600_000;
  let file: string | null = null;
  let size = -1;
  for (;;) {
    if (now() > deadline) throw new Error(`${label}: no heap snapshot within 10 minutes`);
    await sleep(1000);
    file ??= readdirSync(dir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f)) ?? null;
    if (!file) continue;
    const next = statSync(join(dir, file)).size;
    // V8 writes the snapshot in one go, ending with the strings table: a size that stopped growing is the end.
    if (next === size && next > 0) return join(dir, file);
    size = next;
  }
}
const SOCKET_TIMEOUT_MS = 60_000;

interface LiveEvent {
  sessionId: string;
  seq: number;
  type: string;
  payload: Record<string, any>;
}

interface CastResult {
  g: number;
  sent: number;
  ack: number;
  ok: boolean;
  error: string | null;
}

interface ConnectResult {
  connected: number;
  failures: number;
  retried: number;
  errors: string[];
  joinP50Ms: number;
  joinP99Ms: number;
}

interface WorkerReport {
  sockets: number;
  latencies: Float64Array;
  fromSend: Float64Array;
  lost: number;
  socketsWithLoss: number;
  lostSeqs: Record<number, number>;
  unmatched: number;
  beyondFinal: number;
  reorders: number;
  reorderExamples: string[];
  duplicates: number;
  dropped: string[];
  meanTallies: number;
}

/** What one phase drives: Kenes, or the bare socket.io baseline. */
interface Target {
  label: 'kenes' | 'baseline';
  url: string;
  pid: number;
  sessionId: string;
  pollId: string;
  moderatorToken: string | null;
  memberTokens: (string | null)[];
}

interface PhaseResult {
  /** Ballot-to-observer times (ms), every (observer, ballot) pair, ascending, negatives counted as 0. */
  fanout: Float64Array;
  negatives: number;
  /** The same pairs timed from the ballot's sending instead of its acknowledgement (ascending). */
  fromSend: Float64Array;
  unmatched: number;
  lost: number;
  observersWithLoss: number;
  lostSeqs: Record<number, number>;
  memberLost: number;
  reorders: number;
  reorderExamples: string[];
  duplicates: number;
  dropped: number;
  droppedReasons: string[];
  acked: number;
  failedCasts: number;
  castErrors: string[];
  ballotsPerS: number;
  castP50Ms: number;
  castP99Ms: number;
  sendLagP99Ms: number;
  rssBeforeKb: number;
  rssAfterKb: number;
  rssEndKb: number;
  bytesPerConnection: number;
  connectSeconds: number;
  joinP99Ms: number;
  finalSeq: number;
  meanTallies: number;
  closedPending: number;
}

const rssKb = (pid: number): number => {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for process ${pid}`);
  return Number(m[1]);
};

/** Percentile of an ascending array, as the harness computes it. */
const pctSorted = (s: ArrayLike<number>, p: number) => (s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] : 0);
const pct = (xs: number[], p: number) => pctSorted([...xs].sort((a, b) => a - b), p);

/** n split into k near-equal parts. */
const split = (n: number, k: number) => Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0)).filter((x) => x > 0);

const log = (line: string) => console.log(`  live: ${line}`);

/** The moderator's socket, in this process. */
class Moderator {
  readonly events: LiveEvent[] = [];

  private constructor(private readonly s: Socket) {
    s.on('session.event', (e: LiveEvent) => this.events.push(e));
  }

  static async connect(url: string, token: string | null): Promise<Moderator> {
    const s = io(`${url}/live`, { auth: token ? { token } : {}, transports: ['websocket'], forceNew: true, reconnection: false, timeout: SOCKET_TIMEOUT_MS });
    await new Promise<void>((res, rej) => {
      const timer = setTimeout(() => rej(new Error('moderator: connect timed out')), SOCKET_TIMEOUT_MS);
      s.once('connect', () => {
        clearTimeout(timer);
        res();
      });
      s.once('connect_error', (err: Error) => {
        clearTimeout(timer);
        s.disconnect();
        rej(new Error(`moderator: ${err.message}`));
      });
    });
    return new Moderator(s);
  }

  async command(event: string, payload: unknown): Promise<any> {
    const a = await this.s.timeout(COMMAND_TIMEOUT_MS).emitWithAck(event, payload);
    if (!a?.ok) throw new Error(`${event} refused: ${JSON.stringify(a?.error ?? a)}`);
    return a;
  }

  async waitFor(what: string, predicate: (e: LiveEvent) => boolean, timeoutMs: number): Promise<LiveEvent> {
    const deadline = now() + timeoutMs;
    for (;;) {
      const e = this.events.find(predicate);
      if (e) return e;
      if (now() > deadline) throw new Error(`moderator: no ${what} within ${timeoutMs} ms (last events: ${this.events.slice(-5).map((x) => `${x.seq}:${x.type}`).join(', ')})`);
      await sleep(10);
    }
  }

  close(): void {
    this.s.disconnect();
  }
}

/**
 * One measured run against a target: observers and members connect and join
 * (each in worker processes), the moderator opens the poll, the members cast
 * at RATE, the moderator closes the poll once the last ballot was counted
 * live, and every socket's log is checked and timed.
 */
async function runPhase(t: Target): Promise<PhaseResult> {
  const workers: Child[] = [];
  let mod: Moderator | null = null;
  try {
    mod = await Moderator.connect(t.url, t.moderatorToken);
    await mod.command('session.join', { sessionId: t.sessionId });
    await mod.command('session.start', { sessionId: t.sessionId });

    const members = Child.start(`${t.label} members`, 'live-worker.ts');
    const observerCounts = split(OBSERVERS, WORKERS);
    const observers = observerCounts.map((_, i) => Child.start(`${t.label} observers ${i + 1}`, 'live-worker.ts'));
    workers.push(members, ...observers);
    await Promise.all(workers.map((w) => w.ready));
    await Promise.all(workers.map((w) => w.call('watch', { pollId: t.pollId }, COMMAND_TIMEOUT_MS)));

    await sleep(1000);
    const rssBeforeKb = rssKb(t.pid);
    const c0 = now();
    const connectArgs = { url: t.url, sessionId: t.sessionId, concurrency: CONNECT_CONCURRENCY, timeoutMs: SOCKET_TIMEOUT_MS, retries: 2 };
    // Bounded: every socket has its own timeouts; the whole connection phase gets 10 minutes.
    const connected = await Promise.all([
      members.call<ConnectResult>('connect', { ...connectArgs, tokens: t.memberTokens }, 600_000),
      ...observers.map((w, i) => w.call<ConnectResult>('connect', { ...connectArgs, tokens: new Array(observerCounts[i]).fill(null) }, 600_000)),
    ]);
    const connectSeconds = (now() - c0) / 1000;
    const failures = connected.reduce((a, c) => a + c.failures, 0);
    if (failures) {
      throw new Error(
        `${t.label}: ${failures} of ${MEMBERS + OBSERVERS} sockets did not connect and join (${connected.flatMap((c) => c.errors).slice(0, 5).join('; ')}); ` +
          'lower BENCH_LIVE_OBSERVERS if this machine cannot hold that many',
      );
    }
    log(`${t.label}: ${MEMBERS} members and ${OBSERVERS} observers joined in ${connectSeconds.toFixed(1)} s (retried ${connected.reduce((a, c) => a + c.retried, 0)})`);
    await sleep(2000);
    const rssAfterKb = rssKb(t.pid);

    await mod.command('poll.open', { pollId: t.pollId });
    await mod.waitFor('poll.opened', (e) => e.type === 'poll.opened' && e.payload.pollId === t.pollId, COMMAND_TIMEOUT_MS);

    // A steady pace: ballot g goes out at t0 + g / RATE seconds, every member once.
    const t0 = now() + 1500;
    const plan = t.memberTokens.map((_, i) => ({ i, g: i, at: t0 + (i * 1000) / RATE, choice: i % 3 === 0 ? 'against' : 'for' }));
    const votingMs = 1500 + (MEMBERS * 1000) / RATE;
    const casts = await members.call<CastResult[]>('cast', { pollId: t.pollId, plan, timeoutMs: 30_000 }, votingMs + 60_000);
    const ok = casts.filter((c) => c.ok);
    const castErrors = [...new Set(casts.filter((c) => !c.ok).map((c) => c.error ?? '?'))].slice(0, 5);
    if (!ok.length) throw new Error(`${t.label}: no ballot was acknowledged (${castErrors.join('; ')})`);
    const byAck = [...ok].sort((a, b) => a.ack - b.ack);
    const ackSorted = Float64Array.from(byAck.map((c) => c.ack));
    const sendByAck = Float64Array.from(byAck.map((c) => c.sent));
    const firstSent = Math.min(...casts.map((c) => c.sent));
    // n ballots are n - 1 intervals from the first send to the last acknowledgement.
    const ballotsPerS = ok.length > 1 ? ((ok.length - 1) / (ackSorted[ackSorted.length - 1] - firstSent)) * 1000 : 0;
    log(`${t.label}: ${ok.length} ballots acknowledged, ${casts.length - ok.length} refused, ${ballotsPerS.toFixed(1)}/s`);

    // Close once the last ballot was counted live (a flush still pending at the close would never be sent).
    await mod.waitFor('tally.updated with every ballot', (e) => e.type === 'tally.updated' && e.payload.pollId === t.pollId && Number(e.payload.participation) >= ok.length, 15_000);
    await mod.command('poll.close', { pollId: t.pollId });
    const closed = await mod.waitFor('poll.closed', (e) => e.type === 'poll.closed' && e.payload.pollId === t.pollId, COMMAND_TIMEOUT_MS);
    const waits = await Promise.all(workers.map((w) => w.call<{ pending: number }>('waitClosed', { timeoutMs: 30_000 }, 40_000)));
    // Late arrivals (an event delivered out of order) still count as received.
    await sleep(500);
    const rssEndKb = rssKb(t.pid);
    const args = { ackSorted, sendByAck, finalSeq: closed.seq };
    const [memberReport, ...observerReports] = await Promise.all([
      members.call<WorkerReport>('report', { ...args, latency: false }, 60_000),
      ...observers.map((w) => w.call<WorkerReport>('report', { ...args, latency: true }, 120_000)),
    ]);

    // After everything was measured (the server stops while it writes), with every socket still connected.
    if (HEAP_DIR) {
      const file = await heapSnapshot(t.pid, t.label);
      log(`${t.label}: heap snapshot ${file}`);
      for (const line of heapLines(await summarizeHeap(file), 25, MEMBERS + OBSERVERS)) log(`${t.label}:   ${line}`);
    }

    let total = 0;
    for (const r of observerReports) total += r.latencies.length;
    const fanout = new Float64Array(total);
    let at = 0;
    let negatives = 0;
    for (const r of observerReports) {
      for (let i = 0; i < r.latencies.length; i++) {
        const x = r.latencies[i];
        if (x < 0) negatives++;
        // A tally that reached the observer before the ballot's own acknowledgement reached its member: no wait.
        fanout[at++] = Math.max(0, x);
      }
    }
    fanout.sort();
    const fromSend = new Float64Array(total);
    at = 0;
    for (const r of observerReports) {
      fromSend.set(r.fromSend, at);
      at += r.fromSend.length;
    }
    fromSend.sort();
    const lostSeqs: Record<number, number> = {};
    for (const r of observerReports) for (const [seq, n] of Object.entries(r.lostSeqs)) lostSeqs[Number(seq)] = (lostSeqs[Number(seq)] ?? 0) + n;
    const droppedReasons = observerReports.flatMap((r) => r.dropped);
    const castMs = ok.map((c) => c.ack - c.sent);
    return {
      fanout,
      negatives,
      fromSend,
      unmatched: observerReports.reduce((a, r) => a + r.unmatched, 0),
      lost: observerReports.reduce((a, r) => a + r.lost, 0),
      observersWithLoss: observerReports.reduce((a, r) => a + r.socketsWithLoss, 0),
      lostSeqs,
      memberLost: memberReport.lost,
      reorders: observerReports.reduce((a, r) => a + r.reorders, 0),
      reorderExamples: observerReports.flatMap((r) => r.reorderExamples).slice(0, 5),
      duplicates: observerReports.reduce((a, r) => a + r.duplicates, 0),
      dropped: droppedReasons.length,
      droppedReasons: [...new Set(droppedReasons)],
      acked: ok.length,
      failedCasts: casts.length - ok.length,
      castErrors,
      ballotsPerS,
      castP50Ms: pct(castMs, 50),
      castP99Ms: pct(castMs, 99),
      sendLagP99Ms: pct(
        casts.map((c) => c.sent - plan[c.g].at),
        99,
      ),
      rssBeforeKb,
      rssAfterKb,
      rssEndKb,
      bytesPerConnection: ((rssAfterKb - rssBeforeKb) * 1024) / (MEMBERS + OBSERVERS),
      connectSeconds,
      joinP99Ms: Math.max(...connected.map((c) => c.joinP99Ms)),
      finalSeq: closed.seq,
      meanTallies: observerReports.reduce((a, r) => a + r.meanTallies * r.sockets, 0) / Math.max(1, OBSERVERS),
      closedPending: waits.reduce((a, w) => a + w.pending, 0),
    };
  } finally {
    await Promise.all(workers.map((w) => w.call('close', {}, 15_000).catch(() => undefined)));
    await Promise.all(workers.map((w) => w.stop()));
    mod?.close();
  }
}

/** Users and memberships straight into the tables (no one logs in: tokens are minted). */
async function seedMembers(pg: Client, councilId: string, count: number, tag: string, roles: string): Promise<string[]> {
  const { rows } = await pg.query<{ user_id: string }>(
    `WITH u AS (
       INSERT INTO users (email, password_hash, full_name)
       SELECT 'live-' || $3 || '-' || g || '@bench.kenes.example', 'not-a-login', 'Live ' || $3 || ' ' || g FROM generate_series(1, $2) g
       RETURNING id)
     INSERT INTO memberships (council_id, user_id, roles, attributes, starts_on)
     SELECT $1, u.id, $4::text[], '{}', '2020-01-01' FROM u RETURNING user_id`,
    [councilId, count, tag, roles],
  );
  return rows.map((r) => r.user_id);
}

const summary = (p: PhaseResult) => ({
  fanoutP50Ms: round(pctSorted(p.fanout, 50), 1),
  fanoutP99Ms: round(pctSorted(p.fanout, 99), 1),
  samples: p.fanout.length,
  sentToTallyP50Ms: round(pctSorted(p.fromSend, 50), 1),
  sentToTallyP99Ms: round(pctSorted(p.fromSend, 99), 1),
  acked: p.acked,
  failedCasts: p.failedCasts,
  ...(p.castErrors.length ? { castErrors: p.castErrors } : {}),
  castP50Ms: round(p.castP50Ms, 1),
  castP99Ms: round(p.castP99Ms, 1),
  sendLagP99Ms: round(p.sendLagP99Ms, 1),
  connectSeconds: round(p.connectSeconds, 1),
  joinP99Ms: Math.round(p.joinP99Ms),
  rssBeforeMb: round(p.rssBeforeKb / 1024, 1),
  rssAfterMb: round(p.rssAfterKb / 1024, 1),
  rssEndMb: round(p.rssEndKb / 1024, 1),
  finalSeq: p.finalSeq,
  talliesPerObserver: round(p.meanTallies, 1),
  ackBeforeTally: p.negatives,
  unmatched: p.unmatched,
  observersWithLoss: p.observersWithLoss,
  memberEventsLost: p.memberLost,
  outOfOrder: p.reorders,
  ...(p.reorderExamples.length ? { outOfOrderExamples: p.reorderExamples } : {}),
  duplicates: p.duplicates,
  dropped: p.dropped,
  ...(p.droppedReasons.length ? { droppedReasons: p.droppedReasons } : {}),
  closedNotSeen: p.closedPending,
});

/**
 * npm run bench:live: a public plenary sitting, MEMBERS members casting over
 * the socket at RATE ballots/s while OBSERVERS anonymous observers watch,
 * every client in worker processes. For every observer and ballot, the time
 * from the ballot's acknowledgement to the first tally.updated that includes
 * it; events lost (seq gaps per socket); the API's memory per connection.
 * Baseline: a bare socket.io server taking the same ballots from the same
 * clients and broadcasting coalesced counts at the same interval, measured
 * with the same code in the same run.
 */
export const liveBenchmark: Benchmark = {
  name: 'live',
  description: `public plenary: ${MEMBERS} members casting at ${RATE}/s, ${OBSERVERS} observers in ${WORKERS} worker processes: Kenes vs a bare socket.io server`,
  async run() {
    const loadAtStart = loadavg()[0];
    const ulimit = execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
    if (Number.isFinite(Number(ulimit)) && Number(ulimit) < Math.ceil(OBSERVERS / WORKERS) + MEMBERS + 200) {
      throw new Error(`ulimit -n is ${ulimit}: too low for ${Math.ceil(OBSERVERS / WORKERS)} sockets per worker; raise BENCH_LIVE_WORKERS`);
    }
    const db = await scratchDatabase('live');
    const secret = randomBytes(32).toString('hex');
    const admin = { email: 'bench-admin@kenes.example', password: randomBytes(12).toString('hex') };
    let server: Awaited<ReturnType<typeof startServer>> | null = null;
    let baseline: Child | null = null;
    const pg = new Client({ connectionString: db.url });
    let pgConnected = false;
    try {
      server = await startServer({
        DATABASE_URL: db.url,
        JWT_SECRET: secret,
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
        KENES_TALLY_INTERVAL_MS: String(INTERVAL_MS),
        ...heapEnv('kenes'),
      });
      await pg.connect();
      pgConnected = true;
      const jwt = new JwtService({ secret, signOptions: { algorithm: 'HS256', issuer: 'kenes', expiresIn: 3600 } });
      const tokenOf = (userId: string) => jwt.sign({ sub: userId, email: `${userId}@bench`, adm: false, typ: 'access' });

      const { accessToken: adminToken } = await api(server.url, 'POST', '/auth/login', undefined, admin);
      const council = await api(server.url, 'POST', '/councils', adminToken, { name: 'Live bench', slug: 'live-bench', balanceDimensions: [], minorityOpinionWindowHours: 24 });
      const memberIds = await seedMembers(pg, council.id, MEMBERS, 'member', '{member}');
      const [moderatorId] = await seedMembers(pg, council.id, 1, 'moderator', '{moderator}');
      const moderatorToken = tokenOf(moderatorId);
      const session = await api(server.url, 'POST', `/councils/${council.id}/sessions`, moderatorToken, {
        kind: 'plenary',
        title: 'Plenary sitting (live bench)',
        scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
        public: true,
      });
      const poll = await api(server.url, 'POST', `/sessions/${session.id}/polls`, moderatorToken, { question: 'Shall the plenary adopt the motion?', secret: false, rule: RULE });

      // 1. Baseline: the bare socket.io server, alone on the machine's CPUs but for an idle API.
      baseline = Child.start('baseline server', 'live-baseline.ts', { KENES_TALLY_INTERVAL_MS: String(INTERVAL_MS), ...heapEnv('baseline') });
      const { port } = (await baseline.ready) as { port: number };
      log(`baseline: bare socket.io server on 127.0.0.1:${port} (pid ${baseline.pid})`);
      const base = await runPhase({
        label: 'baseline',
        url: `http://127.0.0.1:${port}`,
        pid: baseline.pid,
        sessionId: randomUUID(),
        pollId: randomUUID(),
        moderatorToken: null,
        memberTokens: new Array(MEMBERS).fill(null),
      });
      await baseline.stop();
      baseline = null;

      // 2. Kenes.
      log(`kenes: API on ${server.url} (pid ${server.pid})`);
      const kenes = await runPhase({
        label: 'kenes',
        url: server.url,
        pid: server.pid,
        sessionId: session.id,
        pollId: poll.id,
        moderatorToken,
        memberTokens: memberIds.map(tokenOf),
      });

      // What the lost events were, from the session's log.
      const lostSeqs = Object.keys(kenes.lostSeqs).map(Number);
      let lostEvents: string[] = [];
      if (lostSeqs.length) {
        const { rows } = await pg.query<{ seq: number; type: string }>('SELECT seq, type FROM session_events WHERE session_id = $1 AND seq = ANY($2::int[]) ORDER BY seq', [session.id, lostSeqs]);
        lostEvents = rows.slice(0, 20).map((r) => `seq ${r.seq} ${r.type}: missed by ${kenes.lostSeqs[r.seq]} observers`);
      }

      const observersNote = OBSERVERS < OBSERVERS_AIMED ? `fewer than the ${OBSERVERS_AIMED} aimed for (BENCH_LIVE_OBSERVERS)` : undefined;
      return {
        name: 'live',
        params: {
          observers: OBSERVERS,
          observersAimed: OBSERVERS_AIMED,
          ...(observersNote ? { observersNote } : {}),
          members: MEMBERS,
          observerWorkers: split(OBSERVERS, WORKERS).length,
          memberWorkers: 1,
          socketsPerObserverWorker: Math.ceil(OBSERVERS / WORKERS),
          offeredRatePerS: RATE,
          tallyIntervalMs: INTERVAL_MS,
          ulimitN: ulimit,
          cpus: cpus().length,
          memoryGb: round(totalmem() / 1024 ** 3, 1),
          // Other work on the machine shifts both phases (they run one after the other): read the figures with it.
          loadAvg1m: { atStart: round(loadAtStart, 2), atEnd: round(loadavg()[0], 2) },
          inclusionRule:
            'acks sorted by time; the k-th acknowledged ballot is taken as included in the first tally.updated (arrival order, per observer) with participation >= k; ' +
            'a tally that arrived before the ack counts as 0 ms (ackBeforeTally)',
          clock: 'performance.timeOrigin + performance.now() in every process (one machine)',
          eventsLostRule: 'per observer: every seq in (its join snapshot lastSeq, the poll.closed seq] received live or in the join catch-up',
          memoryRule: 'VmRSS of the server process after all sockets joined minus before any connected, divided by members + observers',
          baseline: `bare socket.io server in its own process (no Nest, no database, acks at once), same clients and code, coalesced counts every ${INTERVAL_MS} ms`,
          kenes: summary(kenes),
          ...(lostEvents.length ? { kenesLostEvents: lostEvents } : {}),
          baselineRun: summary(base),
        },
        metrics: [
          metric('fanout_p99_ms', 'ms', pctSorted(kenes.fanout, 99), pctSorted(base.fanout, 99), 'ratio <= 1.5'),
          metric('fanout_p50_ms', 'ms', pctSorted(kenes.fanout, 50), pctSorted(base.fanout, 50), 'informational'),
          metric('fanout_p95_ms', 'ms', pctSorted(kenes.fanout, 95), pctSorted(base.fanout, 95), 'informational'),
          metric('fanout_max_ms', 'ms', kenes.fanout[kenes.fanout.length - 1] ?? 0, base.fanout[base.fanout.length - 1] ?? 0, 'informational'),
          // Throughput at the offered rate: the goal is a floor, value/baseline >= 0.95.
          metric('ballots_per_s', 'ballots/s', kenes.ballotsPerS, base.ballotsPerS, 'ratio >= 0.95'),
          metric('events_lost', 'events', kenes.lost, base.lost, 'value = 0'),
          // Memory per connection (VmRSS grown while every socket connected and joined) and the time the whole hall took to join.
          metric('bytes_per_connection', 'B', kenes.bytesPerConnection, base.bytesPerConnection, 'ratio <= 2'),
          metric('join_seconds', 's', kenes.connectSeconds, base.connectSeconds, 'ratio <= 1.5'),
        ],
      };
    } finally {
      await baseline?.stop().catch(() => undefined);
      if (pgConnected) await pg.end().catch(() => undefined);
      await server?.stop().catch(() => undefined);
      await db.drop();
    }
  },
};
