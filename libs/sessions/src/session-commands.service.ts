import { PollsService } from '@kenes/polls';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { FloorKind, grantFloor, pauseFloor, requestFloor, resumeFloor, SESSION_EVENT_OF, SessionCommand, sessionTransition, spokenSeconds, withdrawFloor } from '@kenes/core';
import { AuthUser, conflict, DomainError, forbidden, invalidField, notFound } from '@kenes/common';
import { Transaction, UnitOfWork } from '@kenes/audit';
import { TraceService } from '@kenes/proposals';
import { TransitionsService } from '@kenes/proposals';
import { DecisionResultDto } from './dto/session.dto';
import { SessionEntity } from './entities/session.entity';
import { SessionAccessService, SessionContext } from './session-access.service';
import { SessionAttendanceService } from './session-attendance.service';
import { SessionEventsService } from './session-events.service';
import { toAgendaItemDto } from './sessions.mappers';
import { SessionsRepository } from './sessions.repository';
import { SessionsError } from './sessions.errors';

const TIMER_SWEEP_MS = Number(process.env.KENES_FLOOR_SWEEP_MS ?? 500);
/** How long a checked-in member counts as present after the last connection dropped. */
export const PRESENCE_GRACE_MS = Number(process.env.KENES_PRESENCE_GRACE_MS ?? 15_000);
/**
 * Each floor request (and its withdrawal) stays in the session's log for
 * good, broadcast to everyone: a member asks at most this many times per
 * window in one session (429 past it). A member who asks on every item of
 * a long agenda stays well below; a loop does not.
 */
export const FLOOR_REQUESTS_PER_WINDOW = Number(process.env.KENES_FLOOR_REQUESTS_PER_WINDOW ?? 10);
export const FLOOR_REQUEST_WINDOW_MS = Number(process.env.KENES_FLOOR_REQUEST_WINDOW_MS ?? 10 * 60_000);

/**
 * The live commands of a sitting. Each runs in one transaction under the
 * session row's lock: the change, its audit entry and its session event
 * commit together; the broadcast follows the commit.
 */
@Injectable()
export class SessionCommandsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SessionCommandsService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: SessionAccessService,
    private readonly sessions: SessionsRepository,
    private readonly events: SessionEventsService,
    private readonly attendance: SessionAttendanceService,
    private readonly transitions: TransitionsService,
    private readonly trace: TraceService,
    private readonly polls: PollsService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      void this.endExpiredFloors().catch((e: unknown) => this.logger.warn(`floor sweep: ${String(e)}`));
      void this.sweepAttendance().catch((e: unknown) => this.logger.warn(`attendance sweep: ${String(e)}`));
    }, TIMER_SWEEP_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Runs a command on the locked session after the access check. */
  private async run<T>(user: AuthUser | null, sessionId: string, action: 'session.run' | 'session.take_part' | 'session.decide', work: (tx: Transaction, s: SessionEntity, sc: SessionContext) => Promise<T>): Promise<T> {
    const sc = await this.access.reach(user, sessionId);
    this.access.require(sc, action);
    return this.uow.run(async (tx) => {
      const s = await this.sessions.lockById(tx.em, sessionId);
      if (!s) throw notFound('Session');
      return work(tx, s, sc);
    });
  }

  async changeState(user: AuthUser, sessionId: string, command: SessionCommand): Promise<{ state: string }> {
    return this.run(user, sessionId, 'session.run', async (tx, s) => {
      const next = sessionTransition(s.state, command);
      if (!next) throw conflict(SessionsError.SessionState, `A ${s.state} session cannot ${command}.`, { sessionState: s.state });
      const before = s.state;
      s.state = next;
      if (command === 'start') s.startedAt = new Date();
      // The floor's clock stops with the sitting and runs on when it resumes (API.md, Live).
      let floor: Record<string, unknown> | null | undefined;
      if (command === 'pause') {
        if (s.floor) s.floor = pauseFloor(s.floor, new Date());
        floor = s.floor ? { membershipId: s.floor.membershipId, remainingMs: s.floor.remainingMs ?? 0 } : null;
      }
      if (command === 'resume') {
        if (s.floor) s.floor = resumeFloor(s.floor, new Date());
        floor = s.floor ? { membershipId: s.floor.membershipId, endsAt: s.floor.endsAt } : null;
      }
      if (command === 'close') {
        // Its open polls close first, in this transaction: each poll.closed precedes session.closed.
        await this.polls.closeOpenPollsOfSession(tx, s.id, user.id);
        s.closedAt = new Date();
        if (s.floor) await this.endFloorIn(tx, s, user.id, 'session_closed');
      }
      await this.sessions.save(tx.em, s);
      await tx.audit({ councilId: s.councilId, actorUserId: user.id, action: `session.${command}`, objectType: 'session', objectId: s.id, before: { state: before }, after: { state: next } });
      await this.events.append(tx, s.id, SESSION_EVENT_OF[command], user.id, floor === undefined ? { state: next } : { state: next, floor });
      return { state: next };
    });
  }

  async openItem(user: AuthUser, sessionId: string, itemId: string) {
    return this.run(user, sessionId, 'session.run', async (tx, s) => {
      const item = await this.sessions.findItem(itemId, tx.em);
      if (!item || item.sessionId !== sessionId) throw notFound('Agenda item');
      if (s.state !== 'live') throw conflict(SessionsError.SessionNotLive, 'An agenda item is opened while the session is live.', { sessionState: s.state });
      if (s.currentItemId && s.currentItemId !== itemId) {
        const previous = await this.sessions.findItem(s.currentItemId, tx.em);
        if (previous && previous.status === 'open') {
          previous.status = 'done';
          await this.sessions.saveItem(tx.em, previous);
        }
      }
      item.status = 'open';
      item.openedAt = new Date();
      await this.sessions.saveItem(tx.em, item);
      s.currentItemId = itemId;
      await this.sessions.save(tx.em, s);
      await tx.audit({ councilId: s.councilId, actorUserId: user.id, action: 'agenda_item.opened', objectType: 'agenda_item', objectId: itemId, after: { sessionId } });
      await this.events.append(tx, s.id, 'agenda.opened', user.id, { itemId, title: item.title, position: item.position, proposalId: item.proposalId, minutes: item.minutes, speakerMembershipIds: item.speakerMembershipIds });
      return toAgendaItemDto(item);
    });
  }

  private memberOf(sc: SessionContext): string {
    const m = sc.council?.memberships.find((x) => x.roles.includes('member'));
    if (!m) throw forbidden('Only members take the floor or check in.');
    return m.id;
  }

  async requestFloor(user: AuthUser, sessionId: string, kind: FloorKind = 'contribution') {
    return this.run(user, sessionId, 'session.take_part', async (tx, s, sc) => {
      if (s.state !== 'live' && s.state !== 'paused') throw conflict(SessionsError.SessionNotLive, 'The floor is requested during a sitting.', { sessionState: s.state });
      const membershipId = this.memberOf(sc);
      const r = requestFloor(s.queue ?? [], { membershipId, kind, requestedAt: new Date().toISOString() });
      if (!r.ok) throw conflict(SessionsError.AlreadyQueued, 'You are already in the queue.');
      // Counted under the session's lock, from the log itself: concurrent requests and other nodes count the same.
      const recent = await this.sessions.floorRequestsSince(tx.em, s.id, membershipId, FLOOR_REQUEST_WINDOW_MS);
      if (recent.count >= FLOOR_REQUESTS_PER_WINDOW) {
        const freeAt = (recent.oldest?.getTime() ?? Date.now()) + FLOOR_REQUEST_WINDOW_MS;
        const retryAfter = Math.max(1, Math.ceil((freeAt - Date.now()) / 1000));
        throw new DomainError('rate_limited', 'FLOOR_REQUESTS_LIMITED', `You asked for the floor ${recent.count} times in this session recently; ask again later.`, {
          retryAfter,
          limit: FLOOR_REQUESTS_PER_WINDOW,
          windowSeconds: Math.round(FLOOR_REQUEST_WINDOW_MS / 1000),
        });
      }
      s.queue = r.queue;
      await this.sessions.save(tx.em, s);
      await tx.audit({ councilId: s.councilId, actorUserId: user.id, action: 'floor.requested', objectType: 'session', objectId: s.id, after: { membershipId, kind } });
      await this.events.append(tx, s.id, 'floor.requested', user.id, { membershipId, kind, queue: s.queue });
      return { queue: s.queue };
    });
  }

  async withdrawFloor(user: AuthUser, sessionId: string) {
    return this.run(user, sessionId, 'session.take_part', async (tx, s, sc) => {
      const membershipId = this.memberOf(sc);
      const r = withdrawFloor(s.queue ?? [], membershipId);
      if (!r.ok) throw conflict(SessionsError.NotQueued, 'You are not in the queue.');
      s.queue = r.queue;
      await this.sessions.save(tx.em, s);
      await tx.audit({ councilId: s.councilId, actorUserId: user.id, action: 'floor.withdrawn', objectType: 'session', objectId: s.id, after: { membershipId } });
      await this.events.append(tx, s.id, 'floor.withdrawn', user.id, { membershipId, queue: s.queue });
      return { queue: s.queue };
    });
  }

  async grantFloor(user: AuthUser, sessionId: string, membershipId: string, seconds: number) {
    return this.run(user, sessionId, 'session.run', async (tx, s) => {
      if (s.state !== 'live') throw conflict(SessionsError.SessionNotLive, 'The floor is granted while the session is live.', { sessionState: s.state });
      const known = await this.sessions.membershipsInCouncil(s.councilId, [membershipId]);
      if (!known.length) throw invalidField('membershipId', 'must be a membership of this council');
      if (s.floor) await this.endFloorIn(tx, s, user.id, 'replaced');
      const g = grantFloor(s.queue ?? [], membershipId, new Date(), seconds);
      s.queue = g.queue;
      s.floor = g.holder;
      await this.sessions.save(tx.em, s);
      await tx.audit({ councilId: s.councilId, actorUserId: user.id, action: 'floor.granted', objectType: 'session', objectId: s.id, after: { ...g.holder, itemId: s.currentItemId } });
      await this.events.append(tx, s.id, 'floor.granted', user.id, { ...g.holder, itemId: s.currentItemId, queue: s.queue });
      return { floor: s.floor };
    });
  }

  async endFloor(user: AuthUser, sessionId: string) {
    return this.run(user, sessionId, 'session.run', async (tx, s) => {
      if (!s.floor) throw conflict(SessionsError.NoFloor, 'Nobody has the floor.');
      await this.endFloorIn(tx, s, user.id, 'ended');
      await this.sessions.save(tx.em, s);
      return { floor: null };
    });
  }

  private async endFloorIn(tx: Transaction, s: SessionEntity, actor: string | null, reason: 'ended' | 'timeout' | 'replaced' | 'session_closed'): Promise<void> {
    const holder = s.floor;
    if (!holder) return;
    s.floor = null;
    const ended = { membershipId: holder.membershipId, kind: holder.kind, spokenSeconds: spokenSeconds(holder, new Date()), reason, itemId: s.currentItemId };
    await tx.audit({ councilId: s.councilId, actorUserId: actor, action: 'floor.ended', objectType: 'session', objectId: s.id, before: holder, after: ended });
    await this.events.append(tx, s.id, 'floor.ended', actor, ended);
  }

  /**
   * The timer: a floor whose time ran out ends by itself, once, even with
   * several API nodes sweeping (the row lock and the re-check decide).
   */
  async endExpiredFloors(): Promise<number> {
    let ended = 0;
    for (const id of await this.sessions.floorsExpired()) {
      const done = await this.uow.run(async (tx) => {
        const s = await this.sessions.lockById(tx.em, id);
        if (!s?.floor || s.floor.endsAt === null || new Date(s.floor.endsAt).getTime() > Date.now()) return false;
        await this.endFloorIn(tx, s, null, 'timeout');
        await this.sessions.save(tx.em, s);
        return true;
      });
      if (done) ended++;
    }
    return ended;
  }

  /**
   * Checks the caller in, present from now on for as long as one of its
   * connections renews the lease (see LivePresence); announces
   * attendance.changed when the count of present voters changes.
   */
  async checkIn(user: AuthUser, sessionId: string) {
    return this.run(user, sessionId, 'session.take_part', async (tx, s, sc) => {
      if (s.state === 'closed') throw conflict(SessionsError.SessionClosed, 'The session is closed.');
      const membershipId = this.memberOf(sc);
      // The first check-in is audited; a later one renews the lease, audited as attendance.changed if it brings the member back.
      if (await this.sessions.checkIn(tx.em, s.id, membershipId, PRESENCE_GRACE_MS)) {
        await tx.audit({ councilId: s.councilId, actorUserId: user.id, action: 'attendance.checked_in', objectType: 'session', objectId: s.id, after: { membershipId } });
      }
      const attendance = await this.announceAttendance(tx, s, user.id, { membershipId });
      return { attendance };
    });
  }

  /** Records attendance.changed if the present or represented count differs from the last one announced. */
  async announceAttendance(tx: Transaction, s: SessionEntity, actor: string | null, extra: Record<string, unknown>) {
    const attendance = await this.attendance.of(s, tx);
    if (attendance.present !== s.presentCount || attendance.represented !== s.representedCount) {
      await this.sessions.setPresentCount(tx.em, s.id, attendance.present);
      await this.sessions.setRepresentedCount(tx.em, s.id, attendance.represented);
      await tx.audit({
        councilId: s.councilId,
        actorUserId: actor,
        action: 'attendance.changed',
        objectType: 'session',
        objectId: s.id,
        before: { present: s.presentCount, represented: s.representedCount },
        after: { present: attendance.present, represented: attendance.represented, voters: attendance.voters, quorumMet: attendance.quorumMet },
        details: extra,
      });
      await this.events.append(tx, s.id, 'attendance.changed', actor, { ...extra, present: attendance.present, represented: attendance.represented, quorumMet: attendance.quorumMet });
    }
    return attendance;
  }

  /**
   * The presence sweep: members whose leases ran out (every connection gone
   * for longer than the grace period) stop counting; one event per change,
   * even with several nodes sweeping (the session lock and the comparison decide).
   */
  async sweepAttendance(): Promise<number> {
    let changed = 0;
    for (const id of await this.sessions.sessionsWithCheckIns()) {
      // A cheap look first; the lock only when the count seems to have moved.
      const seen = await this.sessions.findById(id);
      if (!seen) continue;
      const now = await this.attendance.of(seen);
      if (now.present === seen.presentCount && now.represented === seen.representedCount) continue;
      const moved = await this.uow.run(async (tx) => {
        const s = await this.sessions.lockById(tx.em, id);
        if (!s || s.state === 'closed') return false;
        const before = [s.presentCount, s.representedCount];
        const after = await this.announceAttendance(tx, s, null, { reason: 'presence' });
        return after.present !== before[0] || after.represented !== before[1];
      });
      if (moved) changed++;
    }
    return changed;
  }

  /** The chair's decision on the open item moves its proposal (session live and item open, else 409). */
  async decide(user: AuthUser, itemId: string, resolution: 'supported' | 'supported_with_changes' | 'deferred' | 'not_supported', instruction: string | null): Promise<DecisionResultDto> {
    const item = await this.sessions.findItem(itemId);
    if (!item) throw notFound('Agenda item');
    const sc = await this.access.reach(user, item.sessionId).catch(() => {
      throw notFound('Agenda item');
    });
    this.access.require(sc, 'session.decide');
    return this.uow.run(async (tx) => {
      const s = await this.sessions.lockById(tx.em, item.sessionId);
      const fresh = await this.sessions.findItem(itemId, tx.em);
      if (!s || !fresh) throw notFound('Agenda item');
      if (s.state !== 'live' || s.currentItemId !== itemId || fresh.status !== 'open') {
        throw conflict(SessionsError.ItemNotOpen, 'The chair decides on the open item of a live session.', { sessionState: s.state });
      }
      if (fresh.resolution) throw conflict(SessionsError.AlreadyDecided, 'This item has its decision.');
      fresh.resolution = resolution;
      fresh.instruction = instruction;
      fresh.decidedAt = new Date();
      fresh.decidedByUserId = user.id;
      await this.sessions.saveItem(tx.em, fresh);
      let proposal: { id: string; status: string } | null = null;
      if (fresh.proposalId) {
        const moved = await this.transitions.automatic(tx, { proposalId: fresh.proposalId, cause: 'chair_decision', to: resolution, actorUserId: user.id, reason: instruction });
        if (!moved) throw conflict(SessionsError.ProposalNotOnAgenda, "The item's proposal is not on_agenda, so no decision can move it.");
        proposal = { id: moved.id, status: moved.status };
        await this.trace.append(tx, { proposalId: fresh.proposalId, kind: 'decision', summary: `Chair's decision at "${s.title}": ${resolution}${instruction ? ` — ${instruction}` : ''}`, ref: { type: 'agenda_item', id: fresh.id }, data: { sessionTitle: s.title, resolution, instruction: instruction ?? null } });
      }
      await tx.audit({ councilId: s.councilId, actorUserId: user.id, action: 'decision.recorded', objectType: 'agenda_item', objectId: fresh.id, after: { resolution, instruction, proposal } });
      await this.events.append(tx, s.id, 'decision.recorded', user.id, { itemId, resolution, instruction, proposal });
      return { ...toAgendaItemDto(fresh), proposal };
    });
  }
}
