import type { Namespace } from 'socket.io';
import type { LiveHeartbeat } from '@kenes/contracts';

const ROOM_PREFIX = 'session:';

/**
 * Tells the sockets of every session room on this node the log's latest seq,
 * read from the database, so that a client that missed a broadcast notices
 * without waiting for the next event. With several nodes, a broadcast made on
 * another node crosses Redis; if Redis was down at that moment it is lost for
 * this node's sockets, and only the database still knows. Emitted locally
 * (each node speaks for its own sockets), one query per tick for all rooms.
 */
export async function sendHeartbeats(
  namespace: Namespace,
  lastSeqs: (ids: string[]) => Promise<Map<string, number>>,
  send: (room: string, beat: LiveHeartbeat) => void,
  now = new Date(),
): Promise<number> {
  const ids = [...namespace.adapter.rooms.keys()].filter((r) => r.startsWith(ROOM_PREFIX)).map((r) => r.slice(ROOM_PREFIX.length));
  if (!ids.length) return 0;
  const seqs = await lastSeqs(ids);
  for (const [sessionId, lastSeq] of seqs) {
    const beat: LiveHeartbeat = { sessionId, lastSeq, at: now.toISOString() };
    send(`${ROOM_PREFIX}${sessionId}`, beat);
  }
  return seqs.size;
}
