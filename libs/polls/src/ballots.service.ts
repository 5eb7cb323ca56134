import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { can, castRefusal, Choice, choicesOf, CouncilRole, dateOf, principalsOf } from '@kenes/core';
import { AuthUser, conflict, forbidden, invalidField, notFound } from '@kenes/common';
import { AuditSequencer, DomainEvents } from '@kenes/audit';
import { CastBallotDto } from './dto/poll.dto';
import { PollEntity } from './entities/poll.entity';
import { BallotsRepository } from './ballots.repository';
import { BallotCrypto, randomReceipt, receiptHash, requestHash } from './ballot-crypto';
import { PollsError } from './polls.errors';

/**
 * Casting ballots: the hot path of a hall voting at once. A named ballot is
 * one prepared statement with its audit entry; a secret one keeps the fact
 * of voting apart from the (encrypted) choice.
 */
@Injectable()
export class BallotsService {
  constructor(
    private readonly sequencer: AuditSequencer,
    private readonly ballots: BallotsRepository,
    private readonly crypto: BallotCrypto,
    private readonly events: DomainEvents,
  ) {}

  /**
   * A ballot: one per voter per poll (primary key); replaced while open only
   * if the rule allows (never on a secret poll); the same Idempotency-Key
   * answers as the first time, with another body 409.
   */
  async cast(user: AuthUser, pollId: string, dto: CastBallotDto, idempotencyKey: string | null): Promise<{ receipt: string }> {
    // A malformed header reveals nothing about the poll: 400 before any lookup (API.md's order of checks).
    if (idempotencyKey !== null && (idempotencyKey.length < 1 || idempotencyKey.length > 200)) throw invalidField('Idempotency-Key', 'must be 1 to 200 characters');
    // One round trip decides everything (the same rules as AccessService: out of the council → 404, role table → 403).
    const onBehalfOf = dto.onBehalfOf ?? null;
    const c = await this.ballots.castContext(pollId, user.id, dateOf(new Date()), onBehalfOf);
    // Voters are fixed when the poll opens: one whose term has ended since still votes in it.
    const fixedVoter = c?.voterMembershipId != null;
    if (!c || (!c.inCouncil && !fixedVoter && !user.isAdmin)) throw notFound('Poll');
    if (!(choicesOf(c.rule.method) as readonly string[]).includes(dto.choice)) {
      throw invalidField('choice', `must be one of ${choicesOf(c.rule.method).join(', ')} for a ${c.rule.method} poll`);
    }
    if (!fixedVoter && !can(principalsOf(c.roles as CouncilRole[], user.isAdmin), 'ballot.cast')) throw forbidden('Only council members vote.');
    // A draft poll has no voters yet: 409. Otherwise role before state: the ineligible get 403, a closed poll 409.
    if (c.status === 'draft') throw conflict(PollsError.PollNotOpen, 'The poll has not opened; ballots are cast while it is open.', { pollStatus: c.status });
    if (!c.voterMembershipId) throw forbidden('You are not an eligible voter of this poll (voters are fixed when it opens).');
    // Proxy voting (API.md): a delegate casts the ballot of the member whose proxy holds for this poll (403 without
    // one); a member whose own proxy holds does not cast while the statute says so (409). Fixed when the poll opened.
    const refusal = castRefusal({
      onBehalfOf,
      caster: c.voterMembershipId,
      delegateInForce: c.delegateInForce,
      callerHasGivenProxy: c.ownProxyInForce,
      delegatorMayVote: c.proxySettings?.delegatorMayVote ?? true,
    });
    if (refusal === 'NO_PROXY') throw forbidden('You hold no proxy of this member for this poll (proxies are fixed when a poll opens).');
    const voter: BallotOwner = { membershipId: onBehalfOf ?? c.voterMembershipId, castBy: onBehalfOf ? c.voterMembershipId : null, mayVote: c.proxySettings?.delegatorMayVote ?? true };
    const p = { id: c.id, councilId: c.councilId, secret: c.secret, rule: c.rule, sessionId: c.sessionId, legacyBallotCipher: c.legacyBallotCipher } as PollEntity;
    const choice = dto.choice as Choice;
    if (c.status !== 'open') {
      // The same Idempotency-Key always answers as the first time (API.md, "Ballots"), also once the poll has closed.
      const replayed = idempotencyKey === null ? null : await this.replay(p, voter.membershipId, choice, dto.reason ?? null, idempotencyKey);
      if (replayed) return replayed;
      throw conflict(PollsError.PollNotOpen, `The poll is ${c.status}; ballots are cast while it is open.`, { pollStatus: c.status });
    }
    if (refusal === 'DELEGATOR_HAS_PROXY') {
      throw conflict(PollsError.DelegatorHasProxy, 'Your proxy holds for this poll: your delegate casts your ballot (the statute does not let a delegator vote too).');
    }
    const result = p.secret
      ? await this.castSecret(user, p, voter, choice, idempotencyKey)
      : await this.castNamed(user, p, voter, choice, dto.reason ?? null, idempotencyKey);
    // The ballot's statement has committed (it runs outside a unit of work): the fact goes to the subscribers now.
    this.events.deliver('ballot.cast', { pollId: p.id, sessionId: p.sessionId });
    return result;
  }

  /**
   * The first answer to a repeated Idempotency-Key of this voter (null when the
   * key is not the one the ballot was cast with); 409 when the body differs.
   */
  private async replay(p: PollEntity, membershipId: string, choice: Choice, reason: string | null, key: string): Promise<{ receipt: string } | null> {
    if (p.secret) {
      // Only a keyed hash of the key is kept; the receipt is derived again from the key itself.
      if ((await this.ballots.participationKeyHash(p.id, membershipId)) !== this.crypto.idempotencyHash(p.id, membershipId, key)) return null;
      const receipt = this.crypto.newReceipt(p.id, membershipId, key);
      const stored = await this.ballots.secretChoiceOf(p.id, receiptHash(receipt));
      if (stored !== null && this.crypto.open(p.id, stored.id, stored.sealed, p.legacyBallotCipher) === choice) return { receipt };
    } else {
      // Every key a ballot was cast with is kept with its answer, so an old key still answers as the first time
      // after a later cast changed the ballot (a delayed retry never undoes the newer choice).
      const answered = await this.ballots.keyAnswer(p.id, membershipId, key);
      if (answered === null) return null;
      if (answered.requestHash === requestHash({ choice, reason })) return { receipt: answered.receipt };
    }
    throw conflict(PollsError.IdempotencyKeyReused, 'This Idempotency-Key was used with another body.');
  }

  private async castNamed(user: AuthUser, p: PollEntity, voter: BallotOwner, choice: Choice, reason: string | null, key: string | null): Promise<{ receipt: string }> {
    const { membershipId } = voter;
    const hash = key === null ? null : requestHash({ choice, reason });
    const replayed = key === null ? null : await this.replay(p, membershipId, choice, reason, key);
    if (replayed) return replayed;
    const row = await this.ballots.castNamed({
      pollId: p.id,
      membershipId,
      choice,
      reason,
      receipt: randomReceipt(),
      idempotencyKey: key,
      requestHash: hash,
      replace: p.rule.allowChange,
      castBy: voter.castBy,
      delegatorMayVote: voter.mayVote,
      councilId: p.councilId,
      actorUserId: user.id,
    });
    this.sequencer.kick();
    if (row) return { receipt: row.receipt };
    // Nothing written: a concurrent replay of this key got there first, the poll closed, or the rule forbids a change.
    const again = key === null ? null : await this.replay(p, membershipId, choice, reason, key);
    if (again) return again;
    if (!(await this.ballots.isOpen(p.id))) throw conflict(PollsError.PollNotOpen, 'The poll closed before the ballot was recorded.');
    if (voter.castBy) throw conflict(PollsError.BallotAlreadyCast, 'This member has a ballot in this poll that a proxy may not replace (their own, or the rule forbids a change).');
    throw conflict(PollsError.BallotAlreadyCast, 'You have voted; this poll does not allow changing a ballot.');
  }

  private async castSecret(user: AuthUser, p: PollEntity, voter: BallotOwner, choice: Choice, key: string | null): Promise<{ receipt: string }> {
    const { membershipId } = voter;
    // The receipt is bound to this voter (no one else can use it; a proxy's goes to the delegate who cast, and proves
    // the represented member's choice for that member only); the choice to this poll and slot.
    const receipt = this.crypto.newReceipt(p.id, membershipId, key);
    const slotId = randomUUID();
    // The audit entry names the voter and the poll, never the choice or the receipt.
    const outcome = await this.ballots.castSecret({
      pollId: p.id,
      membershipId,
      idempotencyHash: key === null ? null : this.crypto.idempotencyHash(p.id, membershipId, key),
      slotId,
      sealedChoice: this.crypto.seal(p.id, slotId, choice),
      receiptHash: receiptHash(receipt),
      castBy: voter.castBy,
      delegatorMayVote: voter.mayVote,
      councilId: p.councilId,
      actorUserId: user.id,
    });
    if (outcome === 'cast') {
      this.sequencer.kick();
      return { receipt };
    }
    const replayed = key === null ? null : await this.replay(p, membershipId, choice, null, key);
    if (replayed) return replayed;
    if (outcome === 'closed') throw conflict(PollsError.PollNotOpen, 'The poll closed before the ballot was recorded.');
    if (voter.castBy) throw conflict(PollsError.BallotAlreadyCast, 'This member has a ballot in this poll; a secret ballot cannot be changed once cast.');
    throw conflict(PollsError.BallotAlreadyCast, 'You have voted; a secret ballot cannot be changed once cast.');
  }
}

/** Whose ballot a cast is: the member's (and the delegate who casts it by proxy, if any). */
interface BallotOwner {
  membershipId: string;
  castBy: string | null;
  /** The poll's fixed delegatorMayVote (true when it has no proxies). */
  mayVote: boolean;
}
