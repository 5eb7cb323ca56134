import { Injectable } from '@nestjs/common';
import { anchorProblem, can } from '@kenes/core';
import { AuthUser, decodeCursor, forbidden, invalid, invalidField, Page, toPage } from '@kenes/common';
import { UnitOfWork } from '@kenes/audit';
import { CommentsRepository } from './comments.repository';
import { CommentDto, CreateCommentDto } from './dto/comment.dto';
import { ProposalAccessService, ProposalContext } from './proposal-access.service';
import { toCommentDto } from './proposals.mappers';
import { ProposalsRepository } from './proposals.repository';

/** Group members comment on a proposal, optionally on a span of one version, in threads. */
@Injectable()
export class CommentsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: ProposalAccessService,
    private readonly comments: CommentsRepository,
    private readonly proposals: ProposalsRepository,
  ) {}

  private mayRead(pc: ProposalContext): boolean {
    return pc.groupMembershipId !== null || can(pc.council.principals, 'council.oversee');
  }

  async create(user: AuthUser, proposalId: string, dto: CreateCommentDto): Promise<CommentDto> {
    const pc = await this.access.reach(user, proposalId);
    if (!pc.groupMembershipId) throw forbidden("Only members of the proposal's working group comment on it.");
    if (dto.anchor) {
      const version = await this.proposals.version(proposalId, dto.anchor.version);
      if (!version) throw invalidField('anchor.version', `there is no version ${dto.anchor.version} of this proposal`);
      const problem = anchorProblem(dto.anchor, version.body.length);
      if (problem) throw invalid([problem]);
    }
    if (dto.replyTo && !(await this.comments.findInProposal(proposalId, dto.replyTo))) {
      throw invalidField('replyTo', 'is not a comment on this proposal');
    }
    const authorMembershipId = pc.groupMembershipId;
    const created = await this.uow.run(async (tx) => {
      const c = await this.comments.insert(tx.em, {
        proposalId,
        authorMembershipId,
        body: dto.body,
        anchorVersion: dto.anchor?.version ?? null,
        anchorStart: dto.anchor?.start ?? null,
        anchorEnd: dto.anchor?.end ?? null,
        replyToId: dto.replyTo ?? null,
      });
      await tx.audit({
        councilId: pc.proposal.councilId,
        actorUserId: user.id,
        action: 'proposal.commented',
        objectType: 'proposal_comment',
        objectId: c.id,
        after: { proposalId, anchor: dto.anchor ?? null, replyTo: dto.replyTo ?? null, bodyLength: dto.body.length },
      });
      return c;
    });
    return toCommentDto((await this.comments.row(created.id)) as NonNullable<Awaited<ReturnType<CommentsRepository['row']>>>);
  }

  async list(user: AuthUser, proposalId: string, q: { limit: number; cursor?: string }): Promise<Page<CommentDto>> {
    const pc = await this.access.reach(user, proposalId);
    if (!this.mayRead(pc)) throw forbidden("Only the proposal's working group and the secretariat read its comments.");
    const after = decodeCursor(q.cursor, 2) as [string, string] | null;
    const rows = await this.comments.page(proposalId, after, q.limit + 1);
    return toPage(rows, q.limit, (c) => [new Date(c.createdAt).toISOString(), c.id], toCommentDto);
  }

  /**
   * The first `limit` comments in order and how many there are, for a page
   * that shows only the first few (a proposal's first paint); null when the
   * reader may not read them (as list answers 403).
   */
  async firstOf(user: AuthUser, proposalId: string, limit: number): Promise<{ items: CommentDto[]; total: number } | null> {
    const pc = await this.access.reach(user, proposalId);
    if (!this.mayRead(pc)) return null;
    const [rows, total] = await Promise.all([this.comments.page(proposalId, null, limit), this.comments.count(proposalId)]);
    return { items: rows.map(toCommentDto), total };
  }
}
