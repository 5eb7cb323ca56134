import { Injectable } from '@nestjs/common';
import { Choice, isMinorityChoice } from '@kenes/core';
import { AuthUser, conflict, decodeCursor, encodeCursor, forbidden, invalidField, notFound, Page } from '@kenes/common';
import { UnitOfWork } from '@kenes/audit';
import { CouncilsRepository } from '@kenes/councils';
import { TraceService } from '@kenes/proposals';
import { MinorityOpinionDto } from '../dto/minority.dto';
import { PollEntity } from '../entities/poll.entity';
import { PollAccessService } from '../poll-access.service';
import { BallotsRepository } from '../ballots.repository';
import { PollsRepository } from '../polls.repository';
import { BallotCrypto, receiptHash } from '../ballot-crypto';
import { MinorityRepository, OpinionRow, SignatureRow } from './minority.repository';
import { PollsError } from '../polls.errors';

/**
 * Minority opinions: filed and co-signed by voters whose ballots differ from
 * the outcome, within the council's window after closing; frozen after it.
 */
@Injectable()
export class MinorityService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: PollAccessService,
    private readonly polls: PollsRepository,
    private readonly ballots: BallotsRepository,
    private readonly repo: MinorityRepository,
    private readonly councils: CouncilsRepository,
    private readonly trace: TraceService,
    private readonly crypto: BallotCrypto,
  ) {}

  private async windowEnd(poll: PollEntity): Promise<Date | null> {
    if (!poll.closedAt) return null;
    const council = await this.councils.findById(poll.councilId);
    return new Date(poll.closedAt.getTime() + (council?.minorityOpinionWindowHours ?? 0) * 3_600_000);
  }

  /**
   * The position the caller proves on this poll, if it is in the minority:
   * on a named poll from the caller's ballot; on a secret one from the
   * receipt (and the caller must have taken part). 403 otherwise.
   */
  private async provePosition(p: PollEntity, user: AuthUser, receipt: string | undefined): Promise<{ membershipId: string; position: Choice; receiptHash: string | null }> {
    // API.md's order: the missing proof (400), who may (403), then the poll's state (409).
    if (p.secret && !receipt) throw invalidField('receipt', "is required on a secret poll: it proves your ballot's position");
    const membershipId = await this.polls.voterMembershipOfUser(p.id, user.id);
    if (!membershipId) throw forbidden('Only eligible voters of this poll file minority opinions.');
    if (p.status !== 'closed' || !p.tally) throw conflict(PollsError.PollNotClosed, 'Minority opinions are filed once the poll has closed.');
    if (p.tally.outcome === 'no_quorum') throw conflict(PollsError.NoMinority, 'A poll without quorum has no minority.');
    if (p.tally.outcome === 'tied') throw conflict(PollsError.NoMinorityYet, "The poll is tied: its minority is known once the chair's casting decision settles it.");
    const end = await this.windowEnd(p);
    if (end && Date.now() > end.getTime()) throw conflict(PollsError.MinorityWindowClosed, `The window for minority opinions closed at ${end.toISOString()}; opinions are frozen.`);
    if (p.secret && receipt) {
      if (!(await this.ballots.hasParticipated(p.id, membershipId))) throw forbidden('You did not vote in this poll.');
      // A receipt is bound to the voter it was issued to: another voter's receipt proves nothing for the caller.
      const bound = this.crypto.receiptBelongsTo(p.id, membershipId, receipt);
      if (bound === false) throw forbidden('This receipt was not issued to you: only the voter who cast a ballot may use its receipt.');
      const hash = receiptHash(receipt);
      const stored = await this.ballots.secretChoiceOf(p.id, hash);
      // Receipts issued before they were bound are accepted only for choices sealed in that era (format v1).
      if (stored && bound === 'unbound' && !(p.legacyBallotCipher && stored.sealed.startsWith('v1.'))) throw forbidden('This receipt was not issued to you: only the voter who cast a ballot may use its receipt.');
      const choice = stored === null ? null : this.crypto.open(p.id, stored.id, stored.sealed, p.legacyBallotCipher);
      if (!choice || !isMinorityChoice(p.tally.outcome, choice)) throw forbidden('This receipt does not prove a ballot in the minority.');
      return { membershipId, position: choice, receiptHash: hash };
    }
    const choice = await this.ballots.namedChoiceOf(p.id, membershipId);
    if (!choice || !isMinorityChoice(p.tally.outcome, choice)) throw forbidden('Only voters whose ballot differs from the outcome file or sign minority opinions.');
    return { membershipId, position: choice, receiptHash: null };
  }

  /**
   * The poll, for someone who may speak in its minority: anyone in its
   * council, and a voter fixed at opening whose term has ended since (SPEC:
   * every voter whose ballot differs may file). Others get reach's 404.
   */
  private async reachAsVoter(user: AuthUser, pollId: string): Promise<PollEntity> {
    try {
      return (await this.access.reach(user, pollId)).poll;
    } catch (err) {
      const poll = await this.polls.findById(pollId);
      if (poll && (await this.polls.voterMembershipOfUser(poll.id, user.id))) return poll;
      throw err;
    }
  }

  async file(user: AuthUser, pollId: string, body: string, receipt: string | undefined): Promise<MinorityOpinionDto> {
    const poll = await this.reachAsVoter(user, pollId);
    const proof = await this.provePosition(poll, user, receipt);
    // One opinion per voter per poll (a unique index holds it too); others they may co-sign.
    if (await this.repo.hasVoice(pollId, proof.membershipId)) throw conflict(PollsError.OpinionAlreadyFiled, 'You have filed a minority opinion on this poll; you may co-sign others.');
    const opinion = await this.uow.run(async (tx) => {
      if (proof.receiptHash && !(await this.repo.claimReceipt(tx.em, pollId, proof.receiptHash))) {
        throw conflict(PollsError.ReceiptAlreadyUsed, 'This ballot already backs a minority opinion or a signature.');
      }
      const o = await this.repo.insertOpinion(tx.em, { pollId, authorMembershipId: proof.membershipId, position: proof.position, body, acknowledgedAt: null, acknowledgedByUserId: null, acknowledgementNote: null });
      await tx.audit({ councilId: poll.councilId, actorUserId: user.id, action: 'minority_opinion.filed', objectType: 'minority_opinion', objectId: o.id, after: { pollId, position: proof.position, bodyLength: body.length } });
      if (poll.proposalId) {
        await this.trace.append(tx, { proposalId: poll.proposalId, kind: 'minority_opinion', summary: `Minority opinion filed (${proof.position})`, ref: { type: 'minority_opinion', id: o.id }, data: { position: proof.position } });
      }
      await tx.publish('minority_opinion.filed', { pollId, sessionId: poll.sessionId, opinionId: o.id, position: proof.position, actorUserId: user.id });
      return o;
    });
    return (await this.views(poll, [opinion.id]))[0];
  }

  async sign(user: AuthUser, opinionId: string, receipt: string | undefined): Promise<MinorityOpinionDto> {
    const opinion = await this.repo.findOpinion(opinionId);
    if (!opinion) throw notFound('Minority opinion');
    const poll = await this.reachAsVoter(user, opinion.pollId).catch(() => {
      throw notFound('Minority opinion');
    });
    const proof = await this.provePosition(poll, user, receipt);
    if (await this.repo.hasVoice(opinion.pollId, proof.membershipId, opinionId)) throw conflict(PollsError.AlreadySigned, 'You already stand behind this opinion.');
    await this.uow.run(async (tx) => {
      if (proof.receiptHash && !(await this.repo.claimReceipt(tx.em, opinion.pollId, proof.receiptHash))) {
        throw conflict(PollsError.ReceiptAlreadyUsed, 'This ballot already backs a minority opinion or a signature.');
      }
      const s = await this.repo.insertSignature(tx.em, { opinionId, membershipId: proof.membershipId, position: proof.position });
      await tx.audit({ councilId: poll.councilId, actorUserId: user.id, action: 'minority_opinion.signed', objectType: 'minority_opinion', objectId: opinionId, after: { signatureId: s.id, position: proof.position } });
    });
    return (await this.views(poll, [opinionId]))[0];
  }

  async acknowledge(user: AuthUser, opinionId: string, note: string): Promise<MinorityOpinionDto> {
    const opinion = await this.repo.findOpinion(opinionId);
    if (!opinion) throw notFound('Minority opinion');
    const pc = await this.access.reach(user, opinion.pollId).catch(() => {
      throw notFound('Minority opinion');
    });
    if (!this.access.allows(pc, 'minority_opinion.acknowledge')) throw forbidden('Only the chair or the secretariat acknowledges a minority opinion.');
    await this.uow.run(async (tx) => {
      const o = await this.repo.lockOpinion(tx.em, opinionId);
      if (!o) throw notFound('Minority opinion');
      if (o.acknowledgedAt) throw conflict(PollsError.AlreadyAcknowledged, 'This opinion has been acknowledged.');
      o.acknowledgedAt = new Date();
      o.acknowledgedByUserId = user.id;
      o.acknowledgementNote = note;
      await this.repo.saveOpinion(tx.em, o);
      await tx.audit({ councilId: pc.poll.councilId, actorUserId: user.id, action: 'minority_opinion.acknowledged', objectType: 'minority_opinion', objectId: o.id, after: { note } });
    });
    return (await this.views(pc.poll, [opinionId]))[0];
  }

  /** A poll's opinions in filing order, paged like every list. */
  async list(user: AuthUser, pollId: string, q: { limit: number; cursor?: string }): Promise<Page<MinorityOpinionDto>> {
    const after = decodeCursor(q.cursor, 2) as [string, string] | null;
    const { poll } = await this.access.reach(user, pollId);
    const rows = await this.repo.opinionsOf(poll.id, undefined, { after, limit: q.limit + 1 });
    const items = await this.dtos(poll, rows.slice(0, q.limit));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit ? encodeCursor([last.createdAt, last.id]) : null };
  }

  async views(poll: PollEntity, ids?: string[]): Promise<MinorityOpinionDto[]> {
    return this.dtos(poll, await this.repo.opinionsOf(poll.id, ids));
  }

  private async dtos(poll: PollEntity, rows: OpinionRow[]): Promise<MinorityOpinionDto[]> {
    const signatures = await this.repo.signaturesOf(rows.map((r) => r.id));
    const end = await this.windowEnd(poll);
    const frozen = end !== null && Date.now() > end.getTime();
    return rows.map((o) => toOpinionDto(o, signatures.filter((s) => s.opinionId === o.id), frozen));
  }
}

export function toOpinionDto(o: OpinionRow, signatures: SignatureRow[], frozen: boolean): MinorityOpinionDto {
  return {
    id: o.id,
    pollId: o.pollId,
    authorMembershipId: o.authorMembershipId,
    authorName: o.authorName,
    position: o.position,
    body: o.body,
    signatures: signatures.map((s) => ({ id: s.id, membershipId: s.membershipId, fullName: s.fullName, position: s.position, createdAt: new Date(s.createdAt).toISOString() })),
    acknowledgement: o.acknowledgedAt ? { at: new Date(o.acknowledgedAt).toISOString(), byUserId: o.acknowledgedByUserId as string, note: o.acknowledgementNote ?? '' } : null,
    frozen,
    createdAt: new Date(o.createdAt).toISOString(),
  };
}
