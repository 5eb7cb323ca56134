import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { buildMinutes, dateOf, Lang, quorumMet, ruleProblems, spokenSeconds as spokenSecondsOf } from '@kenes/core';
import { AuthUser, conflict, decodeCursor, invalid, invalidField, notFound, Page, toPage } from '@kenes/common';
import { Transaction, UnitOfWork } from '@kenes/audit';
import { AccessService } from '@kenes/councils';
import { CouncilsRepository } from '@kenes/councils';
import { WorkingGroupsRepository } from '@kenes/councils';
import { CreatePollDto, PollDto, SessionPollDto } from '@kenes/polls';
import { PollsService } from '@kenes/polls';
import { PollsRepository } from '@kenes/polls';
import { ProxiesService } from '@kenes/polls';
import { ProposalsRepository } from '@kenes/proposals';
import { TraceService } from '@kenes/proposals';
import { TransitionsService } from '@kenes/proposals';
import { AgendaItemDto, CreateAgendaItemDto, CreateSessionDto, SessionDto, SessionEventDto, SessionSummaryDto } from './dto/session.dto';
import { SessionEntity } from './entities/session.entity';
import { SessionAccessService } from './session-access.service';
import { SessionEventsService } from './session-events.service';
import { toAgendaItemDto, toSessionDto, toSessionSummaryDto } from './sessions.mappers';
import { SessionsRepository } from './sessions.repository';
import { SessionsError } from './sessions.errors';

/** Sessions on the REST side: scheduling, agendas, snapshots, the event log, session polls. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly sessionAccess: SessionAccessService,
    private readonly sessions: SessionsRepository,
    private readonly events: SessionEventsService,
    private readonly councils: CouncilsRepository,
    private readonly groups: WorkingGroupsRepository,
    private readonly proposals: ProposalsRepository,
    private readonly transitions: TransitionsService,
    private readonly trace: TraceService,
    private readonly polls: PollsService,
    private readonly pollsRepo: PollsRepository,
    private readonly proxies: ProxiesService,
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
    return this.snapshotOf(session);
  }

  /** An item for a recommended or deferred proposal moves it to on_agenda (409 for any other status). */
  async addItem(user: AuthUser, sessionId: string, dto: CreateAgendaItemDto): Promise<AgendaItemDto> {
    const sc = await this.sessionAccess.reach(user, sessionId);
    const known = await this.sessions.membershipsInCouncil(sc.session.councilId, dto.speakerMembershipIds);
    const unknown = dto.speakerMembershipIds.filter((id) => !known.includes(id));
    if (unknown.length) throw invalidField('speakerMembershipIds', `must be memberships of this council (not: ${unknown.join(', ')})`);
    if (dto.proposalId) {
      const p = await this.proposals.findById(dto.proposalId);
      if (!p || p.councilId !== sc.session.councilId) throw invalidField('proposalId', 'must be a proposal of this council');
    }
    this.sessionAccess.require(sc, 'session.run');
    const item = await this.uow.run(async (tx) => {
      const s = await this.sessions.lockById(tx.em, sessionId);
      if (!s) throw notFound('Session');
      if (s.state === 'closed') throw conflict(SessionsError.SessionClosed, 'The session is closed.');
      if (dto.proposalId) {
        const p = await this.proposals.lockById(tx.em, dto.proposalId);
        if (!p || (p.status !== 'recommended' && p.status !== 'deferred')) {
          throw conflict(SessionsError.ProposalNotReadyForAgenda, `Only a recommended or deferred proposal is put on the agenda; this one is ${p?.status}.`, { proposalStatus: p?.status ?? null });
        }
      }
      const i = await this.sessions.insertItem(tx.em, { sessionId, title: dto.title, proposalId: dto.proposalId ?? null, speakerMembershipIds: dto.speakerMembershipIds, minutes: dto.minutes, status: 'pending' });
      await tx.audit({ councilId: s.councilId, actorUserId: user.id, action: 'agenda_item.created', objectType: 'agenda_item', objectId: i.id, after: { sessionId, title: i.title, proposalId: i.proposalId, minutes: i.minutes } });
      if (dto.proposalId) {
        await this.transitions.automatic(tx, { proposalId: dto.proposalId, cause: 'put_on_agenda', actorUserId: user.id, reason: `on the agenda of "${s.title}"` });
        await this.trace.append(tx, { proposalId: dto.proposalId, kind: 'agenda_item', summary: `On the agenda of "${s.title}" (item ${i.position})`, ref: { type: 'agenda_item', id: i.id }, data: { sessionTitle: s.title, itemPosition: i.position } });
      }
      return i;
    });
    return toAgendaItemDto(item);
  }

  /** GET /councils/:id/sessions: the council's sittings by scheduledAt; observers see the public ones. */
  async list(user: AuthUser, councilId: string, q: { status?: string; from?: string; to?: string; limit: number; cursor?: string }): Promise<Page<SessionSummaryDto>> {
    const cursor = decodeCursor(q.cursor, 2) as [string, string] | null;
    const ctx = await this.access.councilContext(user, councilId);
    const publicOnly = ctx.principals.size === 1 && ctx.principals.has('observer');
    const rows = await this.sessions.list(councilId, { status: q.status, from: q.from, to: q.to, publicOnly, after: cursor, limit: q.limit + 1 });
    return toPage(rows, q.limit, (s) => [s.scheduledAt.toISOString(), s.id], toSessionSummaryDto);
  }

  async snapshot(user: AuthUser | null, sessionId: string): Promise<SessionDto> {
    const sc = await this.sessionAccess.reach(user, sessionId);
    return this.snapshotOf(sc.session);
  }

  async snapshotOf(s: SessionEntity, tx?: Transaction): Promise<SessionDto> {
    const [items, attendance, spoken] = await Promise.all([this.sessions.items(s.id, tx?.em), this.attendance(s, tx), this.sessions.floorEndings(s.id, tx?.em)]);
    // Names and groups only once someone has spoken: every join (thousands of watchers) takes a snapshot.
    const anyoneSpoke = s.floor !== null || spoken.some((e) => e.type === 'floor.ended');
    const people = anyoneSpoke ? await this.sessions.people(s.councilId) : { names: {}, groups: {} };
    // Speaking time per item, per speaker and per working group against the allowance, live: the
    // finished turns from the log (the same reading as the minutes) plus the turn in progress.
    const minutes = buildMinutes({
      session: { id: s.id, title: s.title, kind: s.kind, scheduledAt: s.scheduledAt.toISOString(), startedAt: null, closedAt: null },
      items: items.map((i) => ({ id: i.id, position: i.position, title: i.title, proposalId: i.proposalId, minutes: i.minutes })),
      events: spoken,
      names: people.names,
      groups: people.groups,
      polls: [],
      opinions: [],
    });
    const speakingTime = items.map((i, k) => {
      const m = minutes.items[k];
      const bySpeaker: Record<string, number> = {};
      for (const sp of m.speakers) bySpeaker[sp.membershipId] = (bySpeaker[sp.membershipId] ?? 0) + sp.seconds;
      const byGroup = { ...m.secondsByGroup };
      let spokenSeconds = m.spokenSeconds;
      if (s.floor && s.currentItemId === i.id) {
        const running = spokenSecondsOf(s.floor, new Date());
        spokenSeconds += running;
        bySpeaker[s.floor.membershipId] = (bySpeaker[s.floor.membershipId] ?? 0) + running;
        const group = people.groups[s.floor.membershipId] ?? '—';
        byGroup[group] = (byGroup[group] ?? 0) + running;
      }
      return { itemId: i.id, allowanceSeconds: i.minutes * 60, spokenSeconds, remainingSeconds: Math.max(0, i.minutes * 60 - spokenSeconds), bySpeaker, byGroup };
    });
    // Who the hall sees named: the floor, the queue and the agenda's speakers; and the sitting's polls.
    const concerned = [s.floor?.membershipId, ...(s.queue ?? []).map((q) => q.membershipId), ...items.flatMap((i) => i.speakerMembershipIds ?? [])].filter((x): x is string => !!x);
    const [names, polls] = await Promise.all([this.sessions.namesOf([...new Set(concerned)], tx?.em), this.sessionPolls(s.id, 'en', tx?.em)]);
    return { ...toSessionDto(s, items, attendance), names, polls, speakingTime };
  }

  /** A session's opened polls as its snapshot shows them: live counts (participation only when secret), or the tally. */
  private async sessionPolls(sessionId: string, lang: Lang, em?: EntityManager): Promise<SessionPollDto[]> {
    const polls = await this.pollsRepo.openedPollsOfSession(sessionId, em);
    return Promise.all(
      polls.map(async (p) => {
        const live = p.status === 'open' ? await this.polls.liveCounts(p) : { participation: p.tally?.participation ?? null, counts: p.tally?.counts ?? null };
        return {
          id: p.id,
          question: p.question,
          secret: p.secret,
          status: p.status,
          proposalId: p.proposalId ?? null,
          eligibleCount: p.eligibleCount ?? null,
          participation: live.participation,
          counts: live.counts,
          tally: p.status === 'closed' && p.tally ? this.polls.tallyDto(p.tally, lang) : null,
          openedAt: p.openedAt?.toISOString() ?? null,
          closedAt: p.closedAt?.toISOString() ?? null,
        };
      }),
    );
  }

  /**
   * Present voters, members represented by a present delegate (Proxy voting),
   * the body's voters, and whether the plenary quorum is met (represented
   * members count towards it only with the council's countTowardQuorum).
   */
  async attendance(s: SessionEntity, tx?: Transaction): Promise<{ present: number; represented: number; voters: number; quorumMet: boolean | null }> {
    const today = dateOf(new Date());
    const council = await this.councils.findById(s.councilId);
    const [present, voters, proxies] = await Promise.all([
      this.sessions.presentVoters(s, today, tx?.em),
      this.sessions.voters(s, today, tx?.em),
      this.proxies.representedInSession(s, tx?.em, council?.proxyVoting ?? null),
    ]);
    const counted = present + (proxies.countTowardQuorum ? proxies.represented : 0);
    const rule = s.kind === 'plenary' ? (council?.plenaryQuorum ?? null) : null;
    return { present, represented: proxies.represented, voters, quorumMet: quorumMet(rule, voters, counted) };
  }

  async eventsAfter(user: AuthUser | null, sessionId: string, q: { after?: number; limit: number; cursor?: string }): Promise<Page<SessionEventDto>> {
    await this.sessionAccess.reach(user, sessionId);
    const cursor = decodeCursor(q.cursor, 1);
    const after = cursor ? Number(cursor[0]) : (q.after ?? 0);
    const rows = await this.events.after(sessionId, after, q.limit + 1);
    return toPage(rows, q.limit, (e) => [e.seq], (e) => e);
  }

  /** POST /sessions/:id/polls: the moderator puts a question to the sitting. */
  async createPoll(user: AuthUser, sessionId: string, dto: CreatePollDto, lang: Lang = 'en'): Promise<PollDto> {
    // API.md's order: an impossible rule is a malformed body (400, revealing nothing) before reach (404), role (403) and state (409).
    const problems = ruleProblems(dto.rule, { kind: 'session', secret: dto.secret });
    if (problems.length) throw invalid(problems);
    const sc = await this.sessionAccess.reach(user, sessionId);
    this.sessionAccess.require(sc, 'session.run');
    const poll = await this.uow.run(async (tx) => {
      const s = await this.sessions.lockById(tx.em, sessionId);
      if (!s) throw notFound('Session');
      if (s.state === 'closed') throw conflict(SessionsError.SessionClosed, 'The session is closed.');
      return this.polls.createSessionPollInTx(tx, user, { councilId: s.councilId, sessionId: s.id, electorateGroupId: s.workingGroupId }, dto);
    });
    return this.polls.view(poll, lang);
  }
}
