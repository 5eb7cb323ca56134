import { Injectable } from '@nestjs/common';
import { randomInt, randomUUID } from 'node:crypto';
import { Choice, dateOf, explain, Lang, resolveRule, ruleProblems, shuffled, tally, TallyRule } from '@kenes/core';
import { AuthUser, conflict, decodeCursor, decodeInstantIdCursor, encodeCursor, forbidden, invalid, invalidField, notFound, Page, toPage } from '@kenes/common';
import { Transaction, UnitOfWork } from '@kenes/audit';
import { CouncilsRepository } from '@kenes/councils';
import { WorkingGroupsService } from '@kenes/councils';
import { ProposalsRepository } from '@kenes/proposals';
import { TraceService } from '@kenes/proposals';
import { ProposalAccessService, TransitionsService } from '@kenes/proposals';
import { CreatePollDto, PollDto, PollListItemDto, TallyDto } from './dto/poll.dto';
import { pollClosedData, toPollDto, toTallyDto } from './polls.mappers';
import { PollEntity, StoredTally } from './entities/poll.entity';
import { PollAccessService } from './poll-access.service';
import { PollsRepository } from './polls.repository';
import { TalliesRepository } from './tallies.repository';
import { BallotCrypto, BallotIntegrityError } from './ballot-crypto';
import { ProxiesService } from './proxies/proxies.service';
import { PollsError } from './polls.errors';

/** Secret choices opened or sealed between two turns of the event loop when a poll closes. */
const CRYPTO_STEP = 10_000;

/** Lets other callbacks run (and the database work on the statement in flight) before going on. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A statement left running while the caller works: its failure is observed
 * now (so it is never an unhandled rejection), and rethrown where it is awaited.
 */
function inFlight<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

interface SecretClose {
  counts: Record<Choice, number>;
  digest: string;
}

/** Ballots listed inside a closed named poll; beyond this, GET /polls/:id/ballots pages through them. */
export const INLINE_BALLOTS = 10_000;

@Injectable()
export class PollsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly polls: PollsRepository,
    private readonly tallies: TalliesRepository,
    private readonly access: PollAccessService,
    private readonly groupsService: WorkingGroupsService,
    private readonly councils: CouncilsRepository,
    private readonly proposals: ProposalsRepository,
    private readonly transitions: TransitionsService,
    private readonly trace: TraceService,
    private readonly crypto: BallotCrypto,
    private readonly proxies: ProxiesService,
    private readonly proposalAccess: ProposalAccessService,
  ) {}

  /** A poll put to a sitting: its voters are the electorate group's members, or the council's for a plenary. */
  async createSessionPollInTx(
    tx: Transaction,
    user: AuthUser,
    s: { councilId: string; sessionId: string; electorateGroupId: string | null },
    dto: CreatePollDto,
  ): Promise<PollEntity> {
    const problems = ruleProblems(dto.rule, { kind: 'session', secret: dto.secret });
    if (problems.length) throw invalid(problems);
    if (dto.proposalId) {
      const p = await this.proposals.findById(dto.proposalId);
      if (!p || p.councilId !== s.councilId) throw invalidField('proposalId', 'must be a proposal of this council');
    }
    const rule = resolveRule(dto.rule as unknown as TallyRule, dto.secret);
    const poll = await this.polls.insert(tx.em, {
      councilId: s.councilId,
      workingGroupId: null,
      sessionId: s.sessionId,
      electorateGroupId: s.electorateGroupId,
      proposalId: dto.proposalId ?? null,
      question: dto.question,
      secret: dto.secret,
      rule,
      status: 'draft',
      createdByUserId: user.id,
    });
    await tx.audit({ councilId: s.councilId, actorUserId: user.id, action: 'poll.created', objectType: 'poll', objectId: poll.id, after: { question: poll.question, secret: poll.secret, rule, proposalId: poll.proposalId, sessionId: s.sessionId } });
    return poll;
  }

  /** A group's coordinator puts a question to the group, with its tally rule declared now. */
  async createGroupPoll(user: AuthUser, groupId: string, dto: CreatePollDto, lang: Lang = 'en'): Promise<PollDto> {
    // API.md's order: an impossible rule is a malformed body (400, revealing nothing), then reach (404), role (403),
    // and only then the references that depend on the group (its proposal).
    const problems = ruleProblems(dto.rule, { kind: 'group', secret: dto.secret });
    if (problems.length) throw invalid(problems);
    const { group, ctx } = await this.groupsService.reach(user, groupId);
    const runner = { poll: { workingGroupId: groupId } as PollEntity, council: ctx };
    await this.access.requireRunner(runner);
    if (dto.proposalId) {
      const p = await this.proposals.findById(dto.proposalId);
      if (!p || p.workingGroupId !== groupId) throw invalidField('proposalId', "must be a proposal of this working group");
    }
    const rule = resolveRule(dto.rule as unknown as TallyRule, dto.secret);
    const poll = await this.uow.run(async (tx) => {
      const p = await this.polls.insert(tx.em, {
        councilId: group.councilId,
        workingGroupId: groupId,
        sessionId: null,
        electorateGroupId: groupId,
        proposalId: dto.proposalId ?? null,
        question: dto.question,
        secret: dto.secret,
        rule,
        status: 'draft',
        createdByUserId: user.id,
      });
      await tx.audit({ councilId: p.councilId, actorUserId: user.id, action: 'poll.created', objectType: 'poll', objectId: p.id, after: { question: p.question, secret: p.secret, rule, proposalId: p.proposalId } });
      return p;
    });
    return this.view(poll, lang);
  }

  async get(user: AuthUser, pollId: string, lang: Lang): Promise<PollDto> {
    const { poll } = await this.access.reach(user, pollId);
    return this.view(poll, lang);
  }

  /** Opens the poll: its eligible voters are fixed now (the group's members whose terms cover today). */
  async open(user: AuthUser, pollId: string, lang: Lang = 'en'): Promise<PollDto> {
    const pc = await this.access.reach(user, pollId);
    await this.access.requireRunner(pc);
    const poll = await this.uow.run(async (tx) => this.openInTx(tx, pollId, user.id));
    return this.view(poll, lang);
  }

  async openInTx(tx: Transaction, pollId: string, actorUserId: string): Promise<PollEntity> {
    const p = await this.polls.lockById(tx.em, pollId);
    if (!p) throw notFound('Poll');
    if (p.status !== 'draft') throw conflict(PollsError.PollNotDraft, `The poll is ${p.status}; only a draft poll opens.`, { pollStatus: p.status });
    const today = dateOf(new Date());
    const eligible = p.electorateGroupId
      ? await this.polls.fixGroupVoters(tx.em, p.id, p.electorateGroupId, today)
      : await this.polls.fixCouncilVoters(tx.em, p.id, p.councilId, today);
    if (p.rule.quorum && 'count' in p.rule.quorum && p.rule.quorum.count > eligible) {
      throw conflict(PollsError.QuorumAboveEligible, `The quorum (${p.rule.quorum.count}) is above the ${eligible} eligible voters.`, { eligible });
    }
    // The proxies in force are fixed with the voters, while the poll is still a draft (API.md, "Proxy voting").
    p.proxySettings = await this.proxies.fixForPoll(tx, p, actorUserId);
    p.status = 'open';
    p.eligibleCount = eligible;
    p.openedAt = new Date();
    const saved = await this.polls.save(tx.em, p);
    await tx.audit({ councilId: p.councilId, actorUserId, action: 'poll.opened', objectType: 'poll', objectId: p.id, before: { status: 'draft' }, after: { status: 'open', eligible } });
    await tx.publish('poll.opened', {
      pollId: saved.id,
      councilId: saved.councilId,
      sessionId: saved.sessionId,
      proposalId: saved.proposalId,
      question: saved.question,
      secret: saved.secret,
      rule: saved.rule,
      eligibleCount: saved.eligibleCount,
      actorUserId,
    });
    return saved;
  }

  /** Closes the poll, stores its tally and moves the subject proposal (a tie waits for the chair). */
  async close(user: AuthUser, pollId: string, lang: Lang = 'en'): Promise<PollDto> {
    const pc = await this.access.reach(user, pollId);
    await this.access.requireRunner(pc);
    const poll = await this.uow.run(async (tx) => this.closeInTx(tx, pollId, user.id, await this.presentAtClose(tx, pc.poll)));
    return this.view(poll, lang);
  }

  /**
   * Closes every open poll of a session inside the transaction that closes
   * the session: each is tallied, its secret choices rewritten and sealed,
   * and its poll.closed recorded before the session's own close.
   */
  async closeOpenPollsOfSession(tx: Transaction, sessionId: string, actorUserId: string): Promise<void> {
    for (const poll of await this.polls.openPollsOfSession(tx.em, sessionId)) {
      await this.closeInTx(tx, poll.id, actorUserId, await this.presentAtClose(tx, poll));
    }
  }

  /**
   * How many eligible voters are present when a session poll closes (checked
   * in to the sitting); with countTowardQuorum fixed on the poll, a member
   * whose ballot a delegate cast counts as present too. Null outside a sitting.
   */
  private presentAtClose(tx: Transaction, poll: PollEntity): Promise<number | null> {
    if (!poll.sessionId) return Promise.resolve(null);
    return this.tallies.presentAmongVoters(tx.em, { id: poll.id, sessionId: poll.sessionId, secret: poll.secret, withRepresented: poll.proxySettings?.countTowardQuorum === true });
  }

  async closeInTx(tx: Transaction, pollId: string, actorUserId: string, present: number | null): Promise<PollEntity> {
    const p = await this.polls.lockById(tx.em, pollId);
    if (!p) throw notFound('Poll');
    if (p.status !== 'open') throw conflict(PollsError.PollNotOpen, `The poll is ${p.status}; only an open poll closes.`, { pollStatus: p.status });
    p.status = 'closed';
    p.closedAt = new Date();
    p.presentCount = present;
    let secret: SecretClose | null = null;
    if (p.secret) {
      // Closed first (the triggers allow the rewrite only now), then opened, counted and rewritten (closeSecret).
      await this.polls.save(tx.em, p);
      secret = await this.closeSecret(tx, p.id, p.legacyBallotCipher);
    }
    const counts = secret ? secret.counts : await this.tallies.namedCounts(p.id, tx.em);
    const represented = p.proxySettings ? await this.tallies.castByProxy(tx.em, p.id, p.secret) : 0;
    const t = tally({ rule: p.rule, eligible: p.eligibleCount ?? 0, present, counts, represented, countTowardQuorum: p.proxySettings?.countTowardQuorum ?? false });
    p.tally = t;
    const saved = await this.polls.save(tx.em, p);
    saved.sealedAt = await this.polls.markSealed(tx.em, p.id);
    // The rewrite left the old versions of the choices behind as dead rows until a vacuum: remove them now.
    if (secret) tx.onCommit(() => this.tallies.vacuumSecretChoices());
    await tx.audit({
      councilId: p.councilId,
      actorUserId,
      action: 'poll.closed',
      objectType: 'poll',
      objectId: p.id,
      before: { status: 'open' },
      after: {
        status: 'closed',
        outcome: t.outcome,
        counts: t.counts,
        baseSize: t.baseSize,
        forNeeded: t.forNeeded,
        ...(represented ? { represented } : {}),
        ...(secret ? { sealDigest: secret.digest } : {}),
      },
    });
    if (p.proposalId) {
      await this.trace.append(tx, { proposalId: p.proposalId, kind: 'poll_closed', summary: explain(t.facts, 'en'), ref: { type: 'poll', id: p.id }, data: pollClosedData(p.question, t) });
      if (p.workingGroupId) await this.moveSubject(tx, p, t.outcome, actorUserId);
    }
    await tx.publish('poll.closed', { pollId: saved.id, councilId: saved.councilId, sessionId: saved.sessionId, proposalId: saved.proposalId, tally: t, actorUserId });
    return saved;
  }

  /**
   * A closing secret poll's choices: opened for the tally (only the app holds
   * BALLOT_KEY) and sealed by a keyed digest, then rewritten in a fresh random
   * order under fresh slot ids and fresh encryption, so that nothing joins a
   * choice to a participation afterwards (SPEC.md, Integrity). A choice that
   * does not open, or a count of choices that differs from the count of
   * voters who took part, is tampering: the close fails rather than count it.
   *
   * The work goes in steps of CRYPTO_STEP choices with a turn of the event
   * loop between them, so that other requests are served meanwhile and the
   * database deletes and writes while the next step is encrypted.
   */
  private async closeSecret(tx: Transaction, pollId: string, legacy: boolean): Promise<SecretClose> {
    const stored = await this.tallies.secretChoices(tx.em, pollId);
    const participation = await this.tallies.secretParticipationIn(tx.em, pollId);
    if (stored.length !== participation) {
      throw new BallotIntegrityError(`poll ${pollId} has ${stored.length} secret choices for ${participation} voters who took part`);
    }
    let statement = inFlight(this.tallies.deleteSecretChoices(tx.em, pollId));
    await nextTurn();
    // The new order is drawn before anything is opened (it depends on nothing stored), so that each step opens,
    // counts and seals anew while the database writes the step before.
    const order = shuffled(stored, (n) => randomInt(n));
    const counts: Record<Choice, number> = { for: 0, against: 0, abstain: 0, block: 0, stand_aside: 0 };
    const ballots: { receiptHash: string; choice: Choice }[] = [];
    for (let i = 0; i < order.length; i += CRYPTO_STEP) {
      const fresh = order.slice(i, i + CRYPTO_STEP).map((s) => {
        const choice = this.crypto.open(pollId, s.id, s.sealed, legacy);
        counts[choice] += 1;
        ballots.push({ receiptHash: s.receiptHash, choice });
        const id = randomUUID();
        return { id, sealed: this.crypto.seal(pollId, id, choice), receiptHash: s.receiptHash };
      });
      await statement;
      statement = inFlight(this.tallies.insertSecretChoices(tx.em, pollId, fresh));
      await nextTurn();
    }
    const digest = this.crypto.sealDigest(pollId, ballots);
    await statement;
    return { counts, digest };
  }

  private async moveSubject(tx: Transaction, p: PollEntity, outcome: string, actorUserId: string | null): Promise<void> {
    if (!p.proposalId || outcome === 'tied') return;
    await this.transitions.automatic(tx, {
      proposalId: p.proposalId,
      cause: outcome === 'adopted' ? 'group_poll_adopted' : 'group_poll_not_adopted',
      actorUserId,
      reason: `group poll ${outcome}`,
    });
  }

  /** The chair settles a tied majority; recorded in the tally and its explanation. */
  async castingDecision(user: AuthUser, pollId: string, outcome: 'adopted' | 'rejected', lang: Lang = 'en'): Promise<PollDto> {
    const pc = await this.access.reach(user, pollId);
    if (!this.access.allows(pc, 'poll.casting_decision')) throw forbidden('Only the chair makes a casting decision.');
    const poll = await this.uow.run(async (tx) => {
      const p = await this.polls.lockById(tx.em, pollId);
      if (!p) throw notFound('Poll');
      if (p.status !== 'closed' || p.tally?.outcome !== 'tied') throw conflict(PollsError.PollNotTied, 'A casting decision is made only on a closed poll whose outcome is tied.');
      const t = tally({
        rule: p.rule,
        eligible: p.eligibleCount ?? 0,
        present: p.presentCount,
        counts: p.tally.counts,
        castingDecision: outcome,
        represented: p.tally.represented ?? 0,
        countTowardQuorum: p.proxySettings?.countTowardQuorum ?? false,
      });
      p.tally = t;
      const saved = await this.polls.save(tx.em, p);
      await tx.audit({ councilId: p.councilId, actorUserId: user.id, action: 'poll.casting_decision', objectType: 'poll', objectId: p.id, before: { outcome: 'tied' }, after: { outcome } });
      if (p.proposalId) {
        await this.trace.append(tx, { proposalId: p.proposalId, kind: 'poll_closed', summary: explain(t.facts, 'en'), ref: { type: 'poll', id: p.id }, data: pollClosedData(p.question, t) });
        if (p.workingGroupId) await this.moveSubject(tx, p, outcome, user.id);
      }
      return saved;
    });
    return this.view(poll, lang);
  }

  async tally(user: AuthUser, pollId: string, lang: Lang): Promise<TallyDto> {
    const { poll } = await this.access.reach(user, pollId);
    if (poll.status !== 'closed' || !poll.tally) throw conflict(PollsError.PollNotClosed, `The tally is published when the poll closes; it is ${poll.status}.`, { pollStatus: poll.status });
    return this.tallyDto(poll.tally, lang);
  }

  /** The SHA-256 of every ballot's receipt, once closed: each voter can check that their ballot was counted. */
  async receipts(user: AuthUser, pollId: string, q: { limit: number; cursor?: string }): Promise<Page<{ receiptHash: string }>> {
    const { poll } = await this.access.reach(user, pollId);
    if (poll.status !== 'closed') throw conflict(PollsError.PollNotClosed, 'The receipt list is published when the poll closes.', { pollStatus: poll.status });
    const after = decodeCursor(q.cursor, 1);
    const rows = await this.tallies.receiptHashesPage(poll.id, poll.secret, after ? String(after[0]) : null, q.limit + 1);
    return toPage(rows, q.limit, (r) => [r], (r) => ({ receiptHash: r }));
  }

  /** Who chose what on a closed named poll, page by page. */
  async ballots(user: AuthUser, pollId: string, q: { limit: number; cursor?: string }): Promise<Page<{ membershipId: string; choice: Choice; castByMembershipId: string | null }>> {
    const { poll } = await this.access.reach(user, pollId);
    if (poll.secret) throw conflict(PollsError.PollSecret, 'A secret poll never shows who chose what.');
    if (poll.status !== 'closed') throw conflict(PollsError.PollNotClosed, "A named poll's ballots are published when it closes.", { pollStatus: poll.status });
    const after = decodeCursor(q.cursor, 1);
    const rows = await this.tallies.namedBallots(poll.id, after ? String(after[0]) : null, q.limit + 1);
    return toPage(rows, q.limit, (r) => [r.membershipId], (r) => r);
  }

  tallyDto(t: StoredTally, lang: Lang): TallyDto {
    return toTallyDto(t, lang);
  }

  /** Live counts for an open poll: named → counts; secret → participation only. Cheap (one GROUP BY), so it can be pushed often. */
  async liveCounts(poll: PollEntity): Promise<{ participation: number; counts: Record<Choice, number> | null }> {
    if (poll.secret) return { participation: await this.tallies.participation(poll.id, true), counts: null };
    const counts = await this.tallies.namedCounts(poll.id);
    return { participation: Object.values(counts).reduce((a, b) => a + b, 0), counts };
  }

  async view(p: PollEntity, lang: Lang): Promise<PollDto> {
    const [live, council] = await Promise.all([p.status === 'open' ? this.liveCounts(p) : null, p.status === 'closed' ? this.councils.findById(p.councilId) : null]);
    return {
      ...toPollDto(p, { live, minorityOpinionWindowHours: council?.minorityOpinionWindowHours ?? null }, lang),
      // Inline up to INLINE_BALLOTS (a hall); larger polls page through GET /polls/:id/ballots.
      ballots: p.status === 'closed' && !p.secret && (p.tally?.participation ?? 0) <= INLINE_BALLOTS ? await this.tallies.namedBallots(p.id) : null,
    };
  }

  /**
   * The polls on a proposal, for whoever reads the proposal (404 otherwise):
   * each as GET /polls/:id shows it (without its ballots), and only those
   * that GET /polls/:id would answer for this caller.
   */
  async listForProposal(user: AuthUser, proposalId: string, q: { limit: number; cursor?: string }, lang: Lang): Promise<Page<PollListItemDto>> {
    const after = decodeInstantIdCursor(q.cursor); // a malformed query is a 400 before anything is looked up
    const pc = await this.proposalAccess.reach(user, proposalId);
    const rows = await this.polls.pageOfProposal(proposalId, pc.proposal.councilId, after, q.limit + 1);
    // Paged over the rows read, then each one shown only if GET /polls/:id would answer it for this caller.
    const more = rows.length > q.limit;
    const read = more ? rows.slice(0, q.limit) : rows;
    const last = read[read.length - 1];
    return {
      items: read.filter((r) => this.access.mayRead(pc.council, r.poll)).map((r) => toPollDto(r.poll, r, lang)),
      nextCursor: more ? encodeCursor([last.poll.createdAt.toISOString(), last.poll.id]) : null,
    };
  }
}
