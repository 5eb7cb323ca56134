import { Injectable } from '@nestjs/common';
import { dateOf, fixProxies, mergeProxySettings, PROXY_REFUSAL_TEXT, proxyRefusal, ProxyScope, ProxySettings, representedNow } from '@kenes/core';
import { AuthUser, conflict, decodeCursor, forbidden, invalidField, notFound, Page, toPage } from '@kenes/common';
import { Transaction, UnitOfWork } from '@kenes/audit';
import { AccessService } from '@kenes/councils';
import { CouncilsRepository } from '@kenes/councils';
import { PollEntity } from '../entities/poll.entity';
import { PollAccessService } from '../poll-access.service';
import { PollsRepository } from '../polls.repository';
import { CreateProxyDto, ProxyDto } from './dto/proxy.dto';
import { ProxiesRepository, ProxyListRow } from './proxies.repository';
import { PollsError } from '../polls.errors';

export const toProxyDto = (p: ProxyListRow): ProxyDto => ({
  id: p.id,
  createdAt: p.createdAt.toISOString(),
  councilId: p.councilId,
  delegatorMembershipId: p.delegatorMembershipId,
  delegateMembershipId: p.delegateMembershipId,
  sessionId: p.sessionId,
  pollId: p.pollId,
  instruction: p.instruction,
  status: p.fixedStatus ? (p.fixedStatus === 'in_force' ? 'active' : 'suspended') : p.status,
  revokedAt: p.revokedAt?.toISOString() ?? null,
});

/**
 * Proxy voting (API.md, "Proxy voting"): giving, revoking and listing
 * proxies, and fixing them with a poll's voters when it opens. The rules
 * are the core's (proxyRefusal, fixProxies); the database decides races
 * (row locks of both members, unique indexes, the poll_proxies guard).
 */
@Injectable()
export class ProxiesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly pollAccess: PollAccessService,
    private readonly councils: CouncilsRepository,
    private readonly polls: PollsRepository,
    private readonly proxies: ProxiesRepository,
  ) {}

  /** A member gives a proxy for one sitting or one poll (API.md: 400 → 404 → 403 → 409). */
  async create(user: AuthUser, councilId: string, dto: CreateProxyDto): Promise<ProxyDto> {
    if ((dto.sessionId === undefined) === (dto.pollId === undefined)) {
      const field = dto.sessionId === undefined ? 'sessionId' : 'pollId';
      throw invalidField(field, 'exactly one of sessionId, pollId is required');
    }
    const ctx = await this.access.councilContext(user, councilId);
    this.access.require(ctx, 'proxy.give');
    const delegator = ctx.memberships.find((m) => m.roles.includes('member'));
    if (!delegator) throw forbidden('Only a member with a vote gives a proxy.');
    const today = dateOf(new Date());
    let scope: ProxyScope;
    /** The working group whose members vote in the scope (null: the whole council). */
    let electorate: string | null;
    if (dto.sessionId) {
      const s = await this.proxies.sessionOf(dto.sessionId);
      if (!s || s.councilId !== councilId) throw invalidField('sessionId', 'must be a sitting of this council');
      scope = { kind: 'session', sessionId: s.id };
      electorate = s.workingGroupId;
    } else {
      const p = await this.polls.findById(dto.pollId as string);
      if (!p || p.councilId !== councilId) throw invalidField('pollId', 'must be a poll of this council');
      scope = { kind: 'poll', pollId: p.id, sessionId: p.sessionId };
      electorate = p.electorateGroupId;
    }
    if (!(await this.proxies.isVotingMember(councilId, dto.delegateMembershipId, today, electorate))) {
      throw invalidField('delegateMembershipId', electorate ? "must be a member with a vote in the working group that votes there" : 'must be a membership of this council with a vote (role member)');
    }
    // A proxy is given by someone who would vote there: a member of the group for a group's sitting or poll.
    if (electorate && !(await this.proxies.isVotingMember(councilId, delegator.id, today, electorate))) {
      throw forbidden('Only a member of the working group that votes there gives a proxy for it.');
    }
    const proxy = await this.uow.run(async (tx) => {
      // Both members locked first: every check below reads what a concurrent proxy of either of them committed.
      await this.proxies.lockMembers(tx.em, [delegator.id, dto.delegateMembershipId]);
      const settings = await this.settingsIn(tx, councilId);
      if (scope.kind === 'session') {
        const state = await this.proxies.sessionState(tx.em, scope.sessionId);
        if (state === 'closed') throw conflict(PollsError.SessionClosed, 'The sitting is closed; it takes no new proxy.', { sessionState: state });
      } else {
        const status = await this.proxies.pollStatus(tx.em, scope.pollId);
        if (status !== 'draft') throw conflict(PollsError.PollNotDraft, `The poll is ${status}: proxies are fixed when a poll opens.`, { pollStatus: status });
      }
      const near = await this.proxies.activeNear(tx.em, [delegator.id, dto.delegateMembershipId], scope);
      const refusal = proxyRefusal({ delegator: delegator.id, delegate: dto.delegateMembershipId, scope }, near, settings);
      if (refusal) throw conflict(refusal, PROXY_REFUSAL_TEXT[refusal], refusal === 'DELEGATE_FULL' ? { maxPerDelegate: settings.maxPerDelegate } : {});
      const p = await this.proxies.insert(tx.em, {
        councilId,
        delegatorMembershipId: delegator.id,
        delegateMembershipId: dto.delegateMembershipId,
        sessionId: scope.kind === 'session' ? scope.sessionId : null,
        pollId: scope.kind === 'poll' ? scope.pollId : null,
        instruction: dto.instruction ?? null,
        status: 'active',
        createdByUserId: user.id,
        revokedAt: null,
        revokedByUserId: null,
      });
      await tx.audit({
        councilId,
        actorUserId: user.id,
        action: 'proxy.created',
        objectType: 'proxy',
        objectId: p.id,
        after: { delegatorMembershipId: p.delegatorMembershipId, delegateMembershipId: p.delegateMembershipId, sessionId: p.sessionId, pollId: p.pollId },
      });
      await tx.publish('proxy.changed', { proxyId: p.id, sessionId: p.sessionId, change: 'given', actorUserId: user.id });
      return p;
    });
    return toProxyDto(proxy);
  }

  /** The delegator (or the secretariat) revokes a proxy; polls already open keep it as fixed. */
  async revoke(user: AuthUser, proxyId: string): Promise<ProxyDto> {
    const found = await this.proxies.findById(proxyId);
    if (!found) throw notFound('Proxy');
    const ctx = await this.access.councilContext(user, found.councilId).catch(() => {
      throw notFound('Proxy');
    });
    const own = ctx.memberships.some((m) => m.id === found.delegatorMembershipId);
    if (!own && !this.access.allows(ctx, 'proxy.revoke_any')) throw forbidden('Only the member who gave a proxy, or the secretariat, revokes it.');
    const proxy = await this.uow.run(async (tx) => {
      const p = await this.proxies.lockById(tx.em, proxyId);
      if (!p) throw notFound('Proxy');
      if (p.status !== 'active') throw conflict(PollsError.ProxyRevoked, 'This proxy has already been revoked.', { proxyStatus: p.status });
      p.status = 'revoked';
      p.revokedAt = new Date();
      p.revokedByUserId = user.id;
      const saved = await this.proxies.save(tx.em, p);
      await tx.audit({ councilId: p.councilId, actorUserId: user.id, action: 'proxy.revoked', objectType: 'proxy', objectId: p.id, before: { status: 'active' }, after: { status: 'revoked' } });
      await tx.publish('proxy.changed', { proxyId: saved.id, sessionId: saved.sessionId, change: 'revoked', actorUserId: user.id });
      return saved;
    });
    return toProxyDto(proxy);
  }

  /** A sitting's proxies, oldest first (the caller reached the sitting: SessionProxiesController). */
  async listOfSession(sessionId: string, q: { limit: number; after: [string, string] | null }): Promise<Page<ProxyDto>> {
    const rows = await this.proxies.pageOfSession(sessionId, q.after, q.limit + 1);
    return toPage(rows, q.limit, (p) => [p.createdAt.toISOString(), p.id], toProxyDto);
  }

  /** A draft poll's proxies as they stand; an opened poll's as they were fixed (active or suspended). */
  async listOfPoll(user: AuthUser, pollId: string, q: { limit: number; cursor?: string }): Promise<Page<ProxyDto>> {
    const after = decodeCursor(q.cursor, 2) as [string, string] | null;
    const { poll } = await this.pollAccess.reach(user, pollId, 'proxy.read');
    const rows =
      poll.status === 'draft'
        ? await this.proxies.pageOfDraftPoll(poll.id, poll.sessionId, after, q.limit + 1)
        : await this.proxies.pageOfOpenedPoll(poll.id, after, q.limit + 1);
    return toPage(rows, q.limit, (p) => [p.createdAt.toISOString(), p.id], toProxyDto);
  }

  private async settingsIn(tx: Transaction, councilId: string): Promise<ProxySettings> {
    return mergeProxySettings(await this.proxies.councilSettings(tx.em, councilId), {});
  }

  /**
   * Fixes the proxies of a poll as it opens, in its opening transaction,
   * after its voters: the council's settings are copied onto the poll, and
   * the proxies that cover it are recorded in force or suspended (a sitting
   * proxy whose delegator is present). Later proxies and revocations change
   * nothing for it. Every suspension is audited.
   */
  async fixForPoll(tx: Transaction, poll: PollEntity, actorUserId: string): Promise<ProxySettings | null> {
    const settings = await this.settingsIn(tx, poll.councilId);
    if (!settings.enabled) return null;
    await this.polls.setProxySettings(tx.em, poll.id, settings);
    const proxies = await this.proxies.activeForPoll(tx.em, poll.id, poll.sessionId);
    if (!proxies.length) return settings;
    const involved = [...new Set(proxies.flatMap((p) => [p.delegator, p.delegate]))];
    const voters = await this.proxies.votersAmong(tx.em, poll.id, involved);
    const present = poll.sessionId ? await this.proxies.presentAmong(poll.sessionId, involved, tx.em) : new Set<string>();
    const fixed = fixProxies({ proxies, voters, present, settings, secret: poll.secret });
    await this.proxies.insertPollProxies(tx.em, [
      ...fixed.inForce.map((p) => ({ pollId: poll.id, delegatorMembershipId: p.delegator, delegateMembershipId: p.delegate, proxyId: p.id, status: 'in_force' as const })),
      ...fixed.suspended.map((p) => ({ pollId: poll.id, delegatorMembershipId: p.delegator, delegateMembershipId: p.delegate, proxyId: p.id, status: 'suspended' as const })),
    ]);
    for (const p of fixed.suspended) {
      await tx.audit({
        councilId: poll.councilId,
        actorUserId,
        action: 'proxy.suspended',
        objectType: 'proxy',
        objectId: p.id,
        after: { pollId: poll.id, delegatorMembershipId: p.delegator, reason: 'delegator_present' },
      });
    }
    for (const d of fixed.dropped) {
      await tx.audit({
        councilId: poll.councilId,
        actorUserId,
        action: 'proxy.not_applied',
        objectType: 'proxy',
        objectId: d.proxy.id,
        after: { pollId: poll.id, delegatorMembershipId: d.proxy.delegator, reason: d.reason },
      });
    }
    return settings;
  }

  /**
   * Members represented in a sitting now: delegators of its active proxies
   * who are absent, whose delegate is present (core representedNow), and
   * whether they count towards the quorum.
   */
  async representedInSession(
    s: { id: string; councilId: string; workingGroupId: string | null },
    em?: Transaction['em'],
    councilSettings?: ProxySettings | null,
  ): Promise<{ represented: number; countTowardQuorum: boolean }> {
    const stored = councilSettings === undefined ? (await this.councils.findById(s.councilId))?.proxyVoting : councilSettings;
    const settings = mergeProxySettings(stored ?? null, {});
    if (!settings.enabled) return { represented: 0, countTowardQuorum: settings.countTowardQuorum };
    const proxies = await this.proxies.activeForSession(s.id, em);
    if (!proxies.length) return { represented: 0, countTowardQuorum: settings.countTowardQuorum };
    const involved = [...new Set(proxies.flatMap((p) => [p.delegator, p.delegate]))];
    // One after the other: inside a transaction both go through its one connection.
    const voters = await this.proxies.votingMembersAmong(s.councilId, s.workingGroupId, involved, dateOf(new Date()), em);
    const present = await this.proxies.presentAmong(s.id, involved, em);
    return { represented: representedNow({ proxies, voters, present, settings }), countTowardQuorum: settings.countTowardQuorum };
  }
}
