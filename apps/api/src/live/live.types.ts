import { AuthUser, ProblemDetails } from '@kenes/common';

/** What the server keeps on each socket. */
export interface LiveSocketData {
  /** null for an anonymous watcher of public sessions. */
  user: AuthUser | null;
}

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ProblemDetails };
