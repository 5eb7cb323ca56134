import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Namespace, Socket } from 'socket.io';
import { LIVE_NOTICES } from '@kenes/contracts';
import { AuthUser, problem } from '@kenes/common';
import { PRESENCE_GRACE_MS, SessionAccessService, SessionsRepository } from '@kenes/sessions';
import { HeartbeatSchedule, sendHeartbeats } from './live-heartbeat';
import { LiveLimits, liveLimits } from './live-limits';
import { LiveServerEvents, LiveSocketData } from './live.types';

export type LiveSocket = Socket<Record<string, never>, LiveServerEvents, Record<string, never>, LiveSocketData>;

/** How the upkeep speaks: the gateway's one typed way out. */
export type LiveSend = <K extends keyof LiveServerEvents>(to: LiveSocket | { room: string; local?: boolean }, name: K, ...args: Parameters<LiveServerEvents[K]>) => void;

/** The longest a timer may wait in Node (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export const ROOM_PREFIX = 'session:';

/** The room of a session's watchers. */
export const roomOf = (sessionId: string): string => `${ROOM_PREFIX}${sessionId}`;

/** Whether the socket's access token has run out (an anonymous socket has none). */
export function tokenExpired(data: LiveSocketData, now = Date.now()): boolean {
  return data.tokenExpiresAt !== null && data.tokenExpiresAt !== undefined && now >= data.tokenExpiresAt;
}

/** When a verified access token runs out, in ms since the epoch (null if it has no `exp`). */
export function expiryOf(token: string): number | null {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * What the `/live` namespace does on its own clock, apart from answering
 * commands: it renews the presence of checked-in members, takes sockets out
 * of the rooms they no longer reach (a membership ended, a token ran out),
 * and tells every room the log's latest seq (heartbeats). The gateway
 * starts it once the namespace exists.
 */
@Injectable()
export class LiveUpkeep implements OnApplicationShutdown {
  private readonly logger = new Logger('LiveGateway');
  readonly limits: LiveLimits = liveLimits();
  private timers: NodeJS.Timeout[] = [];
  private namespace: () => Namespace = () => {
    throw new Error('the live upkeep has not started');
  };
  private send: LiveSend = () => undefined;

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly access: SessionAccessService,
  ) {}

  start(namespace: Namespace, send: LiveSend): void {
    this.namespace = () => namespace;
    this.send = send;
    const every = (ms: number, what: string, work: () => Promise<unknown>) => {
      const timer = setInterval(() => void work().catch((e: unknown) => this.logger.warn(`${what}: ${String(e)}`)), ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(Math.max(100, PRESENCE_GRACE_MS / 3), 'presence', () => this.renewPresence());
    // Memberships end and change while sockets stay connected: every socket's rooms are checked again now and then.
    every(this.limits.recheckMs, 'room check', () => this.recheck([...namespace.sockets.values()] as LiveSocket[]));
    // Every room hears the log's latest seq when it moved, and now and then: a broadcast lost between nodes is noticed without a new event.
    const schedule = new HeartbeatSchedule(this.limits.quietHeartbeatMs);
    every(this.limits.heartbeatMs, 'heartbeat', () =>
      sendHeartbeats(namespace, (ids) => this.sessions.lastSeqs(ids), (room, beat) => this.send({ room, local: true }, LIVE_NOTICES.heartbeat, beat), schedule),
    );
  }

  onApplicationShutdown(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  /**
   * Presence: this node renews the lease of every checked-in member with a
   * connection here, a third of the grace period at a time. A member with
   * two tabs counts once; one whose connections all dropped lapses after
   * the grace period (the attendance sweep announces it); a crashed node's
   * members lapse the same way.
   */
  async renewPresence(): Promise<void> {
    const bySession = new Map<string, Set<string>>();
    for (const socket of this.namespace().sockets.values()) {
      const data = socket.data as LiveSocketData;
      const user = data.user;
      // A socket whose token ran out watches at most public sittings, as an anonymous one: it keeps nobody present.
      if (!user || tokenExpired(data)) continue;
      for (const room of socket.rooms) {
        if (!room.startsWith('session:')) continue;
        const id = room.slice('session:'.length);
        if (!bySession.has(id)) bySession.set(id, new Set());
        bySession.get(id)!.add(user.id);
      }
    }
    for (const [sessionId, users] of bySession) await this.sessions.renewPresence(sessionId, [...users], PRESENCE_GRACE_MS);
  }

  /** At the token's expiry, the socket's rooms are checked again: it keeps only what an anonymous watcher may see. */
  armExpiry(socket: LiveSocket): void {
    if (socket.data.expiryTimer) clearTimeout(socket.data.expiryTimer);
    socket.data.expiryTimer = undefined;
    const at = socket.data.tokenExpiresAt;
    if (at === null || at === undefined) return;
    const timer = setTimeout(() => {
      socket.data.expiryTimer = undefined;
      if (!socket.connected) return;
      // auth.refresh may have moved the expiry meanwhile.
      if (tokenExpired(socket.data)) void this.recheck([socket]);
      else this.armExpiry(socket);
    }, Math.min(MAX_TIMER_MS, Math.max(0, at - Date.now())));
    timer.unref();
    socket.data.expiryTimer = timer;
  }

  /**
   * Takes these sockets out of the rooms of the sessions they no longer
   * reach: a socket whose token ran out keeps only public sittings (until
   * auth.refresh and a new session.join), one whose membership ended or no
   * longer admits it keeps none of that council's closed sittings. Each
   * room left is announced to the socket as `session.left` with the reason.
   */
  async recheck(sockets: LiveSocket[]): Promise<void> {
    try {
      const watchers: { socket: LiveSocket; sessionId: string; user: AuthUser | null; userId: string; expired: boolean }[] = [];
      const now = Date.now();
      for (const socket of sockets) {
        if (!socket.connected || !socket.data.user) continue; // anonymous sockets only ever joined public sittings
        const expired = tokenExpired(socket.data, now);
        for (const room of socket.rooms) {
          if (room.startsWith(ROOM_PREFIX)) watchers.push({ socket, sessionId: room.slice(ROOM_PREFIX.length), user: expired ? null : socket.data.user, userId: socket.data.user.id, expired });
        }
      }
      if (!watchers.length) return;
      const stay = await this.access.stillReaching(watchers);
      watchers.forEach((w, i) => {
        if (stay.has(i) || !w.socket.connected) return;
        // A refresh (or a new login) since the check: the next check decides with the new token.
        if (w.expired !== tokenExpired(w.socket.data) || w.socket.data.user?.id !== w.userId) return;
        void w.socket.leave(roomOf(w.sessionId));
        const error = w.expired
          ? problem(401, 'UNAUTHENTICATED', 'The access token has expired; send auth.refresh with a fresh one, then session.join again.')
          : problem(404, 'NOT_FOUND', 'Session was not found.');
        this.send(w.socket, LIVE_NOTICES.left, { sessionId: w.sessionId, reason: w.expired ? 'token_expired' : 'access_lost', error });
      });
    } catch (e) {
      this.logger.warn(`room check: ${String(e)}`);
    }
  }
}
