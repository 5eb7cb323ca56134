import { randomBytes } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import { TestApp } from './test-app';
import { API, bearer, Session } from './factories';

/** How long a socket test waits for anything before it fails. */
export const WAIT_MS = 5000;

const unique = () => randomBytes(4).toString('hex');

/** What every `session.event` carries (API.md, Live sessions). */
export interface LiveEvent {
  sessionId: string;
  seq: number;
  type: string;
  at: string;
  actor: string | null;
  payload: Record<string, unknown>;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
  [k: string]: unknown;
}

export type Ack = { ok: true; [k: string]: any } | { ok: false; error: Problem };

/** Every `session.event` a socket received, in arrival order (recorded from its creation). */
const received = new WeakMap<Socket, LiveEvent[]>();

/**
 * Sockets on /live that do not reconnect by themselves. `closeAll()` in an
 * afterEach/afterAll disconnects every socket the test opened.
 */
export class LiveClients {
  private readonly open: Socket[] = [];

  constructor(private readonly t: TestApp) {}

  /** A connected socket: with the session's token, or anonymous without one. Rejects on connect_error or after WAIT_MS. */
  connect(who?: Session | string | null, lang?: string): Promise<Socket> {
    const token = who ? (typeof who === 'string' ? who : who.token) : undefined;
    const auth = { ...(token ? { token } : {}), ...(lang ? { lang } : {}) };
    const s = io(`${this.t.url}/live`, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
    this.open.push(s);
    const log: LiveEvent[] = [];
    received.set(s, log);
    s.on('session.event', (e: LiveEvent) => log.push(e));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for connect')), WAIT_MS);
      s.once('connect', () => {
        clearTimeout(timer);
        resolve(s);
      });
      s.once('connect_error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  }

  closeAll(): void {
    for (const s of this.open.splice(0)) s.disconnect();
  }
}

/** Emits a command and resolves with its acknowledgement (rejects after WAIT_MS without one). */
export function ack(s: Socket, event: string, payload?: unknown): Promise<Ack> {
  return (payload === undefined ? s.timeout(WAIT_MS).emitWithAck(event) : s.timeout(WAIT_MS).emitWithAck(event, payload)) as Promise<Ack>;
}

/** Like `ack`, but fails the test unless the command succeeded. */
export async function ok(s: Socket, event: string, payload?: unknown): Promise<Ack & { ok: true }> {
  const a = await ack(s, event, payload);
  if (!a.ok) throw new Error(`${event} refused: ${JSON.stringify(a.error)}`);
  return a;
}

/** Every `session.event` the socket has received so far. */
export const eventsOf = (s: Socket): LiveEvent[] => received.get(s) ?? [];

/**
 * The first `session.event` (already received, or arriving within `timeout`)
 * that matches the predicate.
 */
export function waitForEvent(s: Socket, predicate: (e: LiveEvent) => boolean, timeout = WAIT_MS): Promise<LiveEvent> {
  const seen = eventsOf(s).find(predicate);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const listener = (e: LiveEvent) => {
      if (!predicate(e)) return;
      clearTimeout(timer);
      s.off('session.event', listener);
      resolve(e);
    };
    const timer = setTimeout(() => {
      s.off('session.event', listener);
      reject(new Error(`timed out after ${timeout} ms waiting for a session.event (received: ${eventsOf(s).map((e) => `${e.seq}:${e.type}`).join(', ')})`));
    }, timeout);
    s.on('session.event', listener);
  });
}

/** Waits until the socket has received `n` events matching the predicate; resolves with the first `n` of them. */
export async function waitForEvents(s: Socket, predicate: (e: LiveEvent) => boolean, n: number, timeout = WAIT_MS): Promise<LiveEvent[]> {
  const matching = () => eventsOf(s).filter(predicate);
  if (matching().length < n) {
    // The recorder is the socket's first listener, so the log already holds the event being looked at.
    await waitForEvent(s, (e) => predicate(e) && matching().length >= n, timeout).catch((err: Error) => {
      throw new Error(`${err.message} (wanted ${n} matching events, had ${matching().length})`);
    });
  }
  return matching().slice(0, n);
}

/**
 * Resolves with null when no matching `session.event` arrives within `ms`
 * (the point of the wait), or with the event that did arrive.
 */
export function eventWithin(s: Socket, predicate: (e: LiveEvent) => boolean, ms: number): Promise<LiveEvent | null> {
  return waitForEvent(s, predicate, ms).catch(() => null);
}

/** The seqs of the events, in the order given. */
export const seqsOf = (events: LiveEvent[]): number[] => events.map((e) => e.seq);

/** 1..n (or from..to): what a complete log's seqs look like. */
export const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

// ---- REST side ---------------------------------------------------------------------------------

export interface SessionBody {
  id: string;
  councilId: string;
  kind: string;
  workingGroupId: string | null;
  title: string;
  public: boolean;
  state: string;
  lastSeq: number;
  currentItemId: string | null;
  agenda: { id: string; status: string; proposalId: string | null; decision: unknown }[];
  floor: { membershipId: string; kind: string; grantedAt: string; endsAt: string } | null;
  queue: { membershipId: string; kind: string; requestedAt: string }[];
  attendance: { present: number; voters: number; quorumMet: boolean | null };
  createdAt: string;
}

export const postSession = (t: TestApp, by: Session, councilId: string, body: Record<string, unknown>) =>
  t.http().post(`${API}/councils/${councilId}/sessions`).set(bearer(by)).send(body);

/** A scheduled session (201 expected): plenary and non-public unless told. */
export async function createSession(t: TestApp, by: Session, councilId: string, extra: Record<string, unknown> = {}): Promise<SessionBody> {
  const res = await postSession(t, by, councilId, { kind: 'plenary', title: `Sitting ${unique()}`, scheduledAt: new Date(Date.now() + 3_600_000).toISOString(), public: false, ...extra });
  if (res.status !== 201) throw new Error(`create session: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as SessionBody;
}

export const postItem = (t: TestApp, by: Session, sessionId: string, body: Record<string, unknown>) =>
  t.http().post(`${API}/sessions/${sessionId}/agenda-items`).set(bearer(by)).send({ title: `Item ${unique()}`, speakerMembershipIds: [], minutes: 10, ...body });

/** An agenda item (201 expected). */
export async function addItem(t: TestApp, by: Session, sessionId: string, extra: Record<string, unknown> = {}) {
  const res = await postItem(t, by, sessionId, extra);
  if (res.status !== 201) throw new Error(`add agenda item: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; sessionId: string; position: number; status: string; proposalId: string | null; createdAt: string };
}

/** Puts a proposal straight into a status (when the path to it is not what the test is about). */
export const forceStatus = (t: TestApp, proposalId: string, status: string) => t.db.query('UPDATE proposals SET status = $2 WHERE id = $1', [proposalId, status]);

export const postSessionPoll = (t: TestApp, by: Session, sessionId: string, body: Record<string, unknown>) =>
  t.http().post(`${API}/sessions/${sessionId}/polls`).set(bearer(by)).send({ question: `Question ${unique()}?`, secret: false, ...body });

/** The session's whole event log over REST, page by page. */
export async function eventLog(t: TestApp, by: Session | null, sessionId: string, after = 0): Promise<LiveEvent[]> {
  const out: LiveEvent[] = [];
  let cursor: string | null = null;
  do {
    const q: string = cursor ? `cursor=${cursor}` : `after=${after}`;
    const req = t.http().get(`${API}/sessions/${sessionId}/events?${q}&limit=200`);
    const res = await (by ? req.set(bearer(by)) : req);
    if (res.status !== 200) throw new Error(`events: ${res.status} ${JSON.stringify(res.body)}`);
    out.push(...(res.body.items as LiveEvent[]));
    cursor = res.body.nextCursor;
  } while (cursor);
  return out;
}
