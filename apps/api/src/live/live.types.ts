import { AuthUser, ProblemDetails } from '@kenes/common';

/** What the server keeps on each socket. */
export interface LiveSocketData {
  /** null for an anonymous watcher of public sessions. */
  user: AuthUser | null;
  /**
   * When the access token that authenticated the socket runs out (ms since
   * the epoch), null when anonymous. Past it, commands that need a user are
   * refused with 401 until `auth.refresh` brings a fresh token.
   */
  tokenExpiresAt: number | null;
}

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ProblemDetails };
