import { Injectable } from '@nestjs/common';
import { AuthUser, decodeCursor, invalidField, Page, toPage } from '@kenes/common';
import { UnitOfWork } from '@kenes/audit';
import { AccessService, WorkingGroupsRepository } from '@kenes/councils';
import { CreateSessionDto, SessionDto, SessionEventDto, SessionSummaryDto } from './dto/session.dto';
import { SessionAccessService } from './session-access.service';
import { SessionEventsService } from './session-events.service';
import { SessionSnapshotService } from './session-snapshot.service';
import { toSessionSummaryDto } from './sessions.mappers';
import { SessionsRepository } from './sessions.repository';

/**
 * Sittings on the REST side: scheduling, listing, and reading one (its
 * snapshot, its event log). A sitting's agenda is SessionAgendaService's, its
 * polls SessionPollsService's, the snapshot's assembly SessionSnapshotService's,
 * its live commands SessionCommandsService's.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly sessionAccess: SessionAccessService,
    private readonly sessions: SessionsRepository,
    private readonly groups: WorkingGroupsRepository,
    private readonly events: SessionEventsService,
    private readonly snapshots: SessionSnapshotService,
  ) {}

  async create(user: AuthUser, councilId: string, dto: CreateSessionDto): Promise<SessionDto> {
    // The body's own shape first (400 reveals nothing about the council), then reach (404), the group, role (403).
    if (dto.kind === 'working_group' && !dto.workingGroupId) throw invalidField('workingGroupId', 'is required for a working-group session');
    if (dto.kind === 'plenary' && dto.workingGroupId) throw invalidField('workingGroupId', 'is not taken by a plenary session');
    const ctx = await this.access.councilContext(user, councilId);
    if (dto.workingGroupId) {
      const g = await this.groups.findById(dto.workingGroupId);
      if (!g || g.councilId !== councilId) throw invalidField('workingGroupId', 'must be a working group of this council');
    }
    this.access.require(ctx, 'session.create');
    const session = await this.uow.run(async (tx) => {
      const s = await this.sessions.insert(tx.em, {
        councilId,
        kind: dto.kind,
        workingGroupId: dto.workingGroupId ?? null,
        title: dto.title,
        scheduledAt: new Date(dto.scheduledAt),
        public: dto.public,
        state: 'scheduled',
        lastSeq: 0,
        queue: [],
        floor: null,
        currentItemId: null,
        createdByUserId: user.id,
      });
      await tx.audit({ councilId, actorUserId: user.id, action: 'session.created', objectType: 'session', objectId: s.id, after: { kind: s.kind, title: s.title, scheduledAt: dto.scheduledAt, public: s.public } });
      return s;
    });
    return this.snapshots.snapshotOf(session);
  }

  /** GET /councils/:id/sessions: the council's sittings by scheduledAt; observers see the public ones. */
  async list(user: AuthUser, councilId: string, q: { status?: string; from?: string; to?: string; limit: number; cursor?: string }): Promise<Page<SessionSummaryDto>> {
    const cursor = decodeCursor(q.cursor, 2) as [string, string] | null;
    const ctx = await this.access.councilContext(user, councilId);
    const publicOnly = ctx.principals.size === 1 && ctx.principals.has('observer');
    const rows = await this.sessions.list(councilId, { status: q.status, from: q.from, to: q.to, publicOnly, after: cursor, limit: q.limit + 1 });
    return toPage(rows, q.limit, (s) => [s.scheduledAt.toISOString(), s.id], toSessionSummaryDto);
  }

  /** GET /sessions/:id: the snapshot, after the access check (a live join reads it through SessionJoinsService). */
  async snapshot(user: AuthUser | null, sessionId: string): Promise<SessionDto> {
    const sc = await this.sessionAccess.reach(user, sessionId);
    return this.snapshots.snapshotOf(sc.session);
  }

  async eventsAfter(user: AuthUser | null, sessionId: string, q: { after?: number; limit: number; cursor?: string }): Promise<Page<SessionEventDto>> {
    await this.sessionAccess.reach(user, sessionId);
    const cursor = decodeCursor(q.cursor, 1);
    const after = cursor ? Number(cursor[0]) : (q.after ?? 0);
    const rows = await this.events.after(sessionId, after, q.limit + 1);
    return toPage(rows, q.limit, (e) => [e.seq], (e) => e);
  }
}
