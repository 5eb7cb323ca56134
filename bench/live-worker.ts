/**
 * One client process of the live benchmark (bench/live.bench.ts): holds many
 * socket.io-client sockets on /live (observers or voting members), records
 * every `session.event` each one receives with its arrival time, casts the
 * ballots it is told to at the times it is told, and computes, per socket,
 * the events it lost and how long each ballot took to reach it. Driven over
 * IPC (bench/live-ipc.ts). Exactly the same code measures Kenes and the
 * baseline server.
 */
import { io, Socket } from 'socket.io-client';
import { now, serve, sleep } from './live-ipc';

interface LiveEvent {
  sessionId: string;
  seq: number;
  type: string;
  payload: Record<string, unknown>;
}

interface Client {
  s: Socket;
  /** The session's lastSeq in the join's snapshot: the socket must see every seq above it. */
  after: number;
  seqs: Set<number>;
  /** Highest seq delivered by the room so far (to count events that arrive out of order). */
  liveMax: number;
  reorders: number;
  duplicates: number;
  /** tally.updated events in arrival order: when, and the participation they carry. */
  tallyAt: number[];
  tallyP: number[];
  closedSeen: boolean;
  /** Why the socket went away before the end (null while connected). */
  dropped: string | null;
}

let clients: Client[] = [];
let closing = false;
let pollOfInterest: string | null = null;
const reorderExamples: string[] = [];

function record(c: Client, e: LiveEvent, t: number, live: boolean): void {
  if (!e || typeof e.seq !== 'number') return;
  if (c.seqs.has(e.seq)) {
    // The join's catch-up and the room may both carry an event committed while joining: a client dedupes by seq.
    c.duplicates++;
    return;
  }
  c.seqs.add(e.seq);
  if (live) {
    if (e.seq < c.liveMax) {
      c.reorders++;
      if (reorderExamples.length < 10) reorderExamples.push(`seq ${e.seq} (${e.type}) arrived after seq ${c.liveMax}`);
    } else {
      c.liveMax = e.seq;
    }
  }
  if (e.type === 'tally.updated') {
    c.tallyAt.push(t);
    c.tallyP.push(Number(e.payload?.participation ?? 0));
  }
  if (e.type === 'poll.closed' && (pollOfInterest === null || e.payload?.pollId === pollOfInterest)) c.closedSeen = true;
}

async function openClient(url: string, sessionId: string, token: string | null, timeoutMs: number): Promise<Client> {
  const s = io(`${url}/live`, { auth: token ? { token } : {}, transports: ['websocket'], forceNew: true, reconnection: false, timeout: timeoutMs });
  const c: Client = { s, after: -1, seqs: new Set(), liveMax: 0, reorders: 0, duplicates: 0, tallyAt: [], tallyP: [], closedSeen: false, dropped: null };
  // Recorded from the start: the room may deliver events before the join's acknowledgement arrives.
  s.on('session.event', (e: LiveEvent) => record(c, e, now(), true));
  s.on('disconnect', (reason: string) => {
    if (!closing && c.dropped === null) c.dropped = reason;
  });
  try {
    await new Promise<void>((res, rej) => {
      const timer = setTimeout(() => rej(new Error('connect timed out')), timeoutMs);
      s.once('connect', () => {
        clearTimeout(timer);
        res();
      });
      s.once('connect_error', (err: Error) => {
        clearTimeout(timer);
        rej(err);
      });
    });
    const a = (await s.timeout(timeoutMs).emitWithAck('session.join', { sessionId })) as { ok: boolean; snapshot?: { lastSeq: number }; events?: LiveEvent[]; error?: unknown };
    if (!a?.ok || !a.snapshot) throw new Error(`session.join refused: ${JSON.stringify(a?.error ?? a)}`);
    const t = now();
    c.after = a.snapshot.lastSeq;
    for (const e of a.events ?? []) record(c, e, t, false);
    return c;
  } catch (err) {
    s.disconnect();
    throw err;
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] : 0;
};

interface ConnectArgs {
  url: string;
  sessionId: string;
  /** One per socket: a member's access token, or null for an anonymous observer. */
  tokens: (string | null)[];
  concurrency: number;
  timeoutMs: number;
  retries: number;
}

interface CastArgs {
  pollId: string;
  /** i: the socket (index into tokens); g: the ballot's global number; at: when to send it (shared clock). */
  plan: { i: number; g: number; at: number; choice: string }[];
  timeoutMs: number;
}

interface ReportArgs {
  /** Acknowledgement times of every acknowledged ballot, ascending: the k-th is taken as included once participation >= k. */
  ackSorted: Float64Array;
  /** When each of those ballots was sent (same order as ackSorted). */
  sendByAck: Float64Array;
  /** The seq of poll.closed: every socket must have every seq in (its join's lastSeq, finalSeq]. */
  finalSeq: number;
  latency: boolean;
}

serve({
  async connect(args: ConnectArgs) {
    clients = new Array(args.tokens.length);
    let next = 0;
    let failures = 0;
    let retried = 0;
    const errors: string[] = [];
    const joinMs: number[] = [];
    const lane = async () => {
      for (;;) {
        const i = next++;
        if (i >= args.tokens.length) return;
        for (let attempt = 0; ; attempt++) {
          const t0 = now();
          try {
            clients[i] = await openClient(args.url, args.sessionId, args.tokens[i], args.timeoutMs);
            joinMs.push(now() - t0);
            break;
          } catch (err) {
            if (attempt >= args.retries) {
              failures++;
              if (errors.length < 5) errors.push(String(err instanceof Error ? err.message : err));
              break;
            }
            retried++;
            await sleep(250 * (attempt + 1));
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, args.concurrency) }, lane));
    return { connected: clients.filter(Boolean).length, failures, retried, errors, joinP50Ms: pct(joinMs, 50), joinP99Ms: pct(joinMs, 99) };
  },

  watch(args: { pollId: string }) {
    pollOfInterest = args.pollId;
    return {};
  },

  async cast(args: CastArgs) {
    const results = await Promise.all(
      args.plan.map(
        (p) =>
          new Promise<{ g: number; sent: number; ack: number; ok: boolean; error: string | null }>((res) => {
            setTimeout(
              () => {
                const c = clients[p.i];
                const sent = now();
                if (!c) return res({ g: p.g, sent, ack: sent, ok: false, error: 'no socket' });
                c.s
                  .timeout(args.timeoutMs)
                  .emitWithAck('ballot.cast', { pollId: args.pollId, choice: p.choice })
                  .then(
                    (a: { ok: boolean; receipt?: string; error?: unknown }) => {
                      const ack = now();
                      const ok = a?.ok === true && typeof a.receipt === 'string';
                      res({ g: p.g, sent, ack, ok, error: ok ? null : JSON.stringify(a?.error ?? a) });
                    },
                    (err: unknown) => res({ g: p.g, sent, ack: now(), ok: false, error: String(err) }),
                  );
              },
              Math.max(0, p.at - now()),
            );
          }),
      ),
    );
    return results;
  },

  async waitClosed(args: { timeoutMs: number }) {
    const deadline = now() + args.timeoutMs;
    const pending = () => clients.filter((c) => c && !c.closedSeen && c.dropped === null).length;
    while (pending() > 0 && now() < deadline) await sleep(50);
    return { pending: pending() };
  },

  report(args: ReportArgs) {
    const K = args.ackSorted.length;
    const latencies = new Float64Array(args.latency ? clients.length * K : 0);
    const fromSend = new Float64Array(latencies.length);
    let n = 0;
    let lost = 0;
    let socketsWithLoss = 0;
    let unmatched = 0;
    let beyondFinal = 0;
    let reorders = 0;
    let duplicates = 0;
    let tallies = 0;
    const dropped: string[] = [];
    const lostSeqs: Record<number, number> = {};
    for (const c of clients) {
      if (!c) continue;
      if (c.dropped !== null) dropped.push(c.dropped);
      reorders += c.reorders;
      duplicates += c.duplicates;
      tallies += c.tallyAt.length;
      let mine = 0;
      for (let seq = c.after + 1; seq <= args.finalSeq; seq++) {
        if (c.seqs.has(seq)) continue;
        mine++;
        lostSeqs[seq] = (lostSeqs[seq] ?? 0) + 1;
      }
      for (const seq of c.seqs) if (seq > args.finalSeq) beyondFinal++;
      lost += mine;
      if (mine) socketsWithLoss++;
      if (!args.latency) continue;
      // The k-th acknowledged ballot reaches this socket with the first tally.updated (in arrival order) whose
      // participation is >= k, i.e. the first index where the running maximum of participation reaches k.
      let j = 0;
      let runningMax = c.tallyP.length ? c.tallyP[0] : 0;
      for (let k = 1; k <= K; k++) {
        while (j < c.tallyP.length && runningMax < k) {
          j++;
          if (j < c.tallyP.length) runningMax = Math.max(runningMax, c.tallyP[j]);
        }
        if (j >= c.tallyP.length) {
          unmatched += K - k + 1;
          break;
        }
        fromSend[n] = c.tallyAt[j] - args.sendByAck[k - 1];
        latencies[n++] = c.tallyAt[j] - args.ackSorted[k - 1];
      }
    }
    return {
      sockets: clients.filter(Boolean).length,
      latencies: latencies.subarray(0, n).slice(),
      fromSend: fromSend.subarray(0, n).slice(),
      lost,
      socketsWithLoss,
      lostSeqs,
      unmatched,
      beyondFinal,
      reorders,
      reorderExamples,
      duplicates,
      dropped,
      meanTallies: clients.length ? tallies / clients.length : 0,
    };
  },

  async close() {
    closing = true;
    for (const c of clients) c?.s.disconnect();
    clients = [];
    await sleep(100);
    return {};
  },
});
