import type { Lang } from '@kenes/core';
import type { LiveClosedNotice, LiveEvent, LiveHeartbeat, LiveLeftNotice } from '@kenes/contracts';
import { AuthUser, ProblemDetails } from '@kenes/common';

/** What the server keeps on each socket. */
export interface LiveSocketData {
  /** null for an anonymous watcher of public sessions. */
  user: AuthUser | null;
  /**
   * When the access token that authenticated the socket runs out (ms since
   * the epoch), null when anonymous. Past it, commands that need a user are
   * refused with 401 until `auth.refresh` brings a fresh token, and the
   * socket leaves the rooms of sittings that are not public.
   */
  tokenExpiresAt: number | null;
  /** The language of explanations in this socket's acks: the handshake's `lang`, else its Accept-Language, else en. */
  lang?: Lang;
  /** Fires at `tokenExpiresAt`. */
  expiryTimer?: NodeJS.Timeout;
}

/** Everything the server sends a socket, by name (the gateway's `send` takes only these). */
export interface LiveServerEvents {
  /** A committed entry of a sitting's log, to the sitting's room on every node. */
  'session.event': (event: LiveEvent) => void;
  /** The log's latest seq, to this node's sockets of a sitting's room (live-heartbeat.ts). */
  'session.heartbeat': (beat: LiveHeartbeat) => void;
  /** The socket was taken out of a session's room: its token ran out (`token_expired`) or it no longer reaches the session (`access_lost`). */
  'session.left': (notice: LiveLeftNotice) => void;
  /** Sent just before the server disconnects the socket (it kept flooding after its refusals). */
  'live.closed': (notice: LiveClosedNotice) => void;
}

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ProblemDetails };
