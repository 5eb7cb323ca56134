import { Injectable } from '@nestjs/common';
import { AuthUser, notFound, SingleFlight } from '@kenes/common';
import { SessionDto } from './dto/session.dto';
import { SessionAccessService } from './session-access.service';
import { SessionEvent, SessionEventsService } from './session-events.service';
import { SessionJoinKey, SessionsRepository } from './sessions.repository';
import { SessionSnapshotService } from './session-snapshot.service';

/**
 * What a live `session.join` reads, shared among the joiners of one moment.
 * A hall (thousands of watchers opening the projector page as a sitting
 * starts) joins at once; each joiner needs the same snapshot and the same
 * catch-up, so one read answers all who ask while it runs, instead of one
 * read per joiner. The access check stays each joiner's own.
 *
 * Why sharing keeps the join's promise (no event missed, none out of order):
 * a joiner takes a snapshot (which names the seq it was read at), enters the
 * room, then reads the events after that seq. An older snapshot only means
 * more events in the catch-up, so a snapshot already being read is good for
 * anyone. The catch-up must be read after the joiner entered the room, so
 * joiners share only a catch-up read that starts after they asked
 * (`SingleFlight.next`). A snapshot is also kept for later joiners while
 * the session's log and row stay as they were (SNAPSHOT_REUSE_MS at most).
 * The session itself is loaded afresh for each moment (shared only while
 * the read runs), so the access check never decides on an old copy.
 */
/**
 * How long a snapshot goes on serving joiners while the session's log and
 * row are unchanged: it bounds how old the parts that move without an event
 * may be (the running speaker's seconds, live counts between two
 * `tally.updated`, names).
 */
export const SNAPSHOT_REUSE_MS = 500;

@Injectable()
export class SessionJoinsService {
  private readonly keys = new SingleFlight<string, SessionJoinKey | null>();
  private readonly snapshots = new SingleFlight<string, SessionDto>(SNAPSHOT_REUSE_MS);
  private readonly catchUps = new SingleFlight<string, SessionEvent[]>();

  constructor(
    private readonly repo: SessionsRepository,
    private readonly access: SessionAccessService,
    private readonly snapshotService: SessionSnapshotService,
    private readonly events: SessionEventsService,
  ) {}

  /** The session's snapshot, if this user may watch it (404 otherwise, as GET /sessions/:id). */
  async snapshot(user: AuthUser | null, sessionId: string): Promise<SessionDto> {
    const key = await this.keys.share(sessionId, () => this.repo.joinKey(sessionId));
    if (!key) throw notFound('Session');
    await this.access.admit(user, key);
    // Every change a snapshot shows either appends to the log (lastSeq) or touches the session's row (updatedAt):
    // a snapshot read for the same pair shows the same sitting.
    return this.snapshots.share(`${sessionId}|${key.lastSeq}|${new Date(key.updatedAt).getTime()}`, async () => {
      const session = await this.repo.findById(sessionId);
      if (!session) throw notFound('Session');
      return this.snapshotService.snapshotOf(session);
    });
  }

  /** The session's events after `afterSeq` (at most `limit`), read after this call was made. */
  eventsAfter(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]> {
    return this.catchUps.next(`${sessionId}|${afterSeq}|${limit}`, () => this.events.after(sessionId, afterSeq, limit));
  }
}
