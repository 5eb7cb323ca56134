/**
 * The baseline of the live benchmark: a bare socket.io server (no Nest, no
 * database, no validation, no authentication) in its own process, speaking
 * the same /live protocol the benchmark uses: session.join, session.start,
 * poll.open, ballot.cast (acknowledged at once), poll.close, and
 * `session.event`s numbered by seq. Counts are coalesced exactly as the API
 * does (the same TallyCoalescer class, the same interval): at most one
 * tally.updated per poll per interval, none after poll.closed.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { Server, Socket } from 'socket.io';
import { TallyCoalescer } from '../libs/sessions/src/tally-coalescer';
import { serve } from './live-ipc';

const INTERVAL_MS = Number(process.env.KENES_TALLY_INTERVAL_MS ?? 250);

interface Poll {
  sessionId: string;
  open: boolean;
  participation: number;
  counts: Record<string, number>;
}

const lastSeq = new Map<string, number>();
const polls = new Map<string, Poll>();

const http = createServer((_req, res) => {
  res.writeHead(404);
  res.end();
});
// The same limit the API's adapter sets; everything else socket.io's defaults, as in the API.
const io = new Server(http, { maxHttpBufferSize: 64 * 1024 });
const nsp = io.of('/live');

function append(sessionId: string, type: string, payload: Record<string, unknown>): void {
  const seq = (lastSeq.get(sessionId) ?? 0) + 1;
  lastSeq.set(sessionId, seq);
  nsp.to(`session:${sessionId}`).emit('session.event', { sessionId, seq, type, at: new Date().toISOString(), actor: null, payload });
}

const coalescer = new TallyCoalescer(INTERVAL_MS, async (pollId) => {
  const p = polls.get(pollId);
  if (!p?.open) return;
  append(p.sessionId, 'tally.updated', { pollId, participation: p.participation, counts: { ...p.counts } });
});

type Ack = (answer: unknown) => void;
const answer = (ack: unknown, value: unknown) => {
  if (typeof ack === 'function') (ack as Ack)(value);
};

nsp.on('connection', (socket: Socket) => {
  let joined: string | null = null;
  socket.on('session.join', async (p: { sessionId: string }, ack: unknown) => {
    joined = p.sessionId;
    await socket.join(`session:${p.sessionId}`);
    answer(ack, { ok: true, snapshot: { id: p.sessionId, lastSeq: lastSeq.get(p.sessionId) ?? 0 }, events: [] });
  });
  socket.on('session.start', (p: { sessionId: string }, ack: unknown) => {
    append(p.sessionId, 'session.started', { state: 'live' });
    answer(ack, { ok: true, state: 'live' });
  });
  socket.on('poll.open', (p: { pollId: string }, ack: unknown) => {
    if (!joined) return answer(ack, { ok: false, error: { status: 409 } });
    polls.set(p.pollId, { sessionId: joined, open: true, participation: 0, counts: { for: 0, against: 0, abstain: 0 } });
    append(joined, 'poll.opened', { pollId: p.pollId });
    answer(ack, { ok: true, poll: { id: p.pollId, status: 'open' } });
  });
  socket.on('ballot.cast', (p: { pollId: string; choice: string }, ack: unknown) => {
    const poll = polls.get(p.pollId);
    if (!poll?.open || !(p.choice in poll.counts)) return answer(ack, { ok: false, error: { status: 409 } });
    poll.counts[p.choice] += 1;
    poll.participation += 1;
    coalescer.touch(p.pollId);
    answer(ack, { ok: true, receipt: randomBytes(16).toString('base64url') });
  });
  socket.on('poll.close', (p: { pollId: string }, ack: unknown) => {
    const poll = polls.get(p.pollId);
    if (!poll?.open) return answer(ack, { ok: false, error: { status: 409 } });
    poll.open = false;
    append(poll.sessionId, 'poll.closed', { pollId: p.pollId, tally: { participation: poll.participation, counts: { ...poll.counts } } });
    answer(ack, { ok: true, poll: { id: p.pollId, status: 'closed' } });
  });
});

http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  serve({}, { port });
});
process.once('SIGTERM', () => {
  coalescer.stop();
  void io.close();
  process.exit(0);
});
