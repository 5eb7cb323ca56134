import { useEffect, useRef, useState } from 'react';
import { io, Socket } from 'socket.io-client';
import { LIVE_COMMANDS, LIVE_NAMESPACE, LIVE_NOTICES, SESSION_EVENT } from '@kenes/contracts';
import type { LiveAck, LiveEvent, LiveJoinResult, LiveLeftNotice, LiveProblem, LiveSnapshot } from '@kenes/contracts';
import { freshToken, getAuth, onAuthChange } from '../api/auth';
import type { Lang } from '../i18n/locale';
import { ServerClock } from './clock';
import { fromSnapshot, ingest, LiveView, unnamed } from './reducer';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface LiveSession {
  view: LiveView | null;
  connection: ConnectionState;
  /** Why the sitting cannot be shown (404 for out of reach). */
  error: LiveProblem | null;
  clock: ServerClock;
  /** Sends a command and resolves with its acknowledgement. */
  send: <T extends object = object>(command: string, payload: object) => Promise<LiveAck<T>>;
}

/** The first wait before connecting again after the server closed the connection. */
const RETRY_MS = 2_000;

/** How long a command waits for its acknowledgement. */
const ACK_MS = 10_000;

function emitWithAck<T extends object>(socket: Socket, command: string, payload: object): Promise<LiveAck<T>> {
  return socket
    .timeout(ACK_MS)
    .emitWithAck(command, payload)
    .catch(() => ({ ok: false as const, error: { type: 'about:blank', title: 'No answer', status: 0, detail: 'The server did not answer in time.' } }));
}

async function eventsAfter(sessionId: string, after: number): Promise<LiveEvent[]> {
  const token = await freshToken();
  const out: LiveEvent[] = [];
  let cursor: string | null = null;
  do {
    const q = new URLSearchParams({ after: String(after), limit: '200', ...(cursor ? { cursor } : {}) });
    const res = await fetch(`/api/v1/sessions/${sessionId}/events?${q}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    if (!res.ok) break;
    const page = (await res.json()) as { items: LiveEvent[]; nextCursor: string | null };
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** The names the session's snapshot carries (the floor, the queue, the speakers). */
async function snapshotNames(sessionId: string): Promise<Record<string, string>> {
  const token = await freshToken();
  const res = await fetch(`/api/v1/sessions/${sessionId}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) return {};
  return ((await res.json()) as LiveSnapshot).names ?? {};
}

/**
 * Joins a sitting over the live socket and keeps its view: events applied in
 * seq order, a gap filled from the log, a dropped connection caught up by
 * `afterSeq` on reconnect, and the access token renewed on the socket before
 * it runs out.
 */
export function useLiveSession(sessionId: string, lang: Lang): LiveSession {
  const [view, setView] = useState<LiveView | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [error, setError] = useState<LiveProblem | null>(null);
  const clockRef = useRef(new ServerClock());
  const socketRef = useRef<Socket | null>(null);

  useEffect(() => {
    let current: LiveView | null = null;
    let filling = false;
    let closed = false;
    const clock = clockRef.current;
    const asked = new Set<string>();
    const commit = (v: LiveView) => {
      current = v;
      setView(v);
      // Someone new took a place in the queue or the floor: the snapshot has their name.
      const missing = unnamed(v).filter((id) => !asked.has(id));
      if (missing.length) {
        missing.forEach((id) => asked.add(id));
        void snapshotNames(sessionId).then((names) => {
          if (current && !closed) {
            current = { ...current, names: { ...current.names, ...names } };
            setView(current);
          }
        });
      }
    };

    const socket = io(LIVE_NAMESPACE, {
      transports: ['websocket', 'polling'],
      auth: (cb) => {
        void freshToken().then((token) => cb(token ? { token, lang } : { lang }));
      },
    });
    socketRef.current = socket;

    const fill = async () => {
      if (filling || !current) return;
      filling = true;
      try {
        while (current) {
          const r = ingest(current, await eventsAfter(sessionId, current.lastSeq));
          commit(r.view);
          if (r.missingAfter === null || closed) break;
          // The log had nothing after our seq (yet): the missing event is still being committed.
          if (r.view.lastSeq === r.missingAfter) await new Promise((res) => setTimeout(res, 300));
        }
      } finally {
        filling = false;
      }
    };

    // Events that the room delivers before the first join's ack: applied once its snapshot is in.
    let early: LiveEvent[] = [];
    const take = (events: LiveEvent[]) => {
      if (!current) {
        early.push(...events);
        return;
      }
      const r = ingest(current, events);
      commit(r.view);
      if (r.missingAfter !== null) void fill();
    };

    const join = async (): Promise<void> => {
      const ack = await emitWithAck<LiveJoinResult>(socket, LIVE_COMMANDS.join, current ? { sessionId, afterSeq: current.lastSeq } : { sessionId });
      if (closed) return;
      if (!ack.ok) {
        if (ack.error.status === 0) return;
        setError(ack.error);
        setConnection('offline');
        return;
      }
      setError(null);
      if (!current) commit(fromSnapshot(ack.snapshot));
      else commit({ ...current, names: { ...current.names, ...(ack.snapshot.names ?? {}) } });
      take([...ack.events, ...early]);
      early = [];
      setConnection('live');
      backoffMs = RETRY_MS;
      if (ack.more) await join();
    };

    socket.on('connect', () => void join());
    let retry: ReturnType<typeof setTimeout> | undefined;
    let backoffMs = RETRY_MS;
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return setConnection('offline');
      setConnection('reconnecting');
      // socket.io reconnects by itself after a drop, not after the server's own disconnect: try again, later each time.
      if (reason === 'io server disconnect' && !closed) {
        retry = setTimeout(() => socket.connect(), backoffMs);
        backoffMs = Math.min(backoffMs * 2, 60_000);
      }
    });
    socket.on(LIVE_NOTICES.closed, () => {
      backoffMs = Math.max(backoffMs, 10_000);
    });
    socket.on('connect_error', () => setConnection(current ? 'reconnecting' : 'connecting'));
    socket.io.on('reconnect_attempt', () => setConnection('reconnecting'));
    socket.on(SESSION_EVENT, (e: LiveEvent) => {
      clock.observe(e.at);
      take([e]);
    });
    socket.on(LIVE_NOTICES.left, (notice: LiveLeftNotice) => {
      if (notice.sessionId !== sessionId) return;
      // The token ran out: renew it on the socket, then join again from where the view stands.
      void renew().then(() => join());
    });

    // The socket's token is renewed before it runs out, and whenever the tab gets a new one.
    let sentToken = getAuth()?.accessToken ?? null;
    const renew = async () => {
      const token = await freshToken();
      if (token && token !== sentToken && socket.connected) {
        sentToken = token;
        await emitWithAck(socket, LIVE_COMMANDS.authRefresh, { token });
      }
    };
    // Cheap unless the token is within its renewal margin (then one refresh, shared with the tab's requests).
    const timer = setInterval(() => void renew(), 5_000);
    const unsubscribe = onAuthChange(() => void renew());

    return () => {
      closed = true;
      clearInterval(timer);
      clearTimeout(retry);
      unsubscribe();
      socket.disconnect();
      socketRef.current = null;
    };
  }, [sessionId, lang]);

  const send = <T extends object = object>(command: string, payload: object): Promise<LiveAck<T>> => {
    const s = socketRef.current;
    if (!s) return Promise.resolve({ ok: false, error: { type: 'about:blank', title: 'Not connected', status: 0, detail: 'Not connected.' } });
    return emitWithAck<T>(s, command, payload);
  };

  return { view, connection, error, clock: clockRef.current, send };
}
