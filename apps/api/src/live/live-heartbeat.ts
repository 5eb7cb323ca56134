import type { Namespace } from 'socket.io';
import type { LiveHeartbeat } from '@kenes/contracts';

const ROOM_PREFIX = 'session:';

/**
 * Tells the sockets of every session room on this node the log's latest seq
 * (the rooms the schedule says are due),
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
  schedule: HeartbeatSchedule,
  now = new Date(),
): Promise<number> {
  const ids = [...namespace.adapter.rooms.keys()].filter((r) => r.startsWith(ROOM_PREFIX)).map((r) => r.slice(ROOM_PREFIX.length));
  schedule.keepOnly(ids);
  if (!ids.length) return 0;
  const seqs = await lastSeqs(ids);
  let sent = 0;
  for (const [sessionId, lastSeq] of seqs) {
    if (!schedule.due(sessionId, lastSeq, now.getTime())) continue;
    const beat: LiveHeartbeat = { sessionId, lastSeq, at: now.toISOString() };
    send(`${ROOM_PREFIX}${sessionId}`, beat);
    sent += 1;
  }
  return sent;
}

/**
 * Which rooms hear a heartbeat at a tick. A beat tells the room's sockets
 * the log's latest seq; a room whose seq has not moved since its last beat
 * has nothing new to tell (every socket there either heard that beat or
 * joined after it, reading the log itself), so it hears one only after
 * `quietMs` of quiet, which keeps its clocks fresh. A hall of thousands of
 * watchers joining a quiet sitting then costs no beat to each of them every
 * few seconds; a seq that moved (a broadcast that may have been lost between
 * nodes) is told at the next tick, as before.
 */
export class HeartbeatSchedule {
  private readonly last = new Map<string, { seq: number; at: number }>();

  constructor(private readonly quietMs: number) {}

  /** Whether the room of this session hears a beat now; if so, it is counted as sent. */
  due(sessionId: string, lastSeq: number, now: number): boolean {
    const prev = this.last.get(sessionId);
    if (prev && prev.seq === lastSeq && now - prev.at < this.quietMs) return false;
    this.last.set(sessionId, { seq: lastSeq, at: now });
    return true;
  }

  /** Forgets the rooms that are gone (a room that comes back starts afresh). */
  keepOnly(sessionIds: string[]): void {
    const keep = new Set(sessionIds);
    for (const id of this.last.keys()) if (!keep.has(id)) this.last.delete(id);
  }
}
