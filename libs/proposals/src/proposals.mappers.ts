import { ProposalEntity } from './entities/proposal.entity';
import { ProposalVersionEntity } from './entities/proposal-version.entity';
import { TraceEntryEntity } from './entities/trace-entry.entity';
import { CommentDto } from './dto/comment.dto';
import { ProposalDto, TraceEntryDto, VersionDto } from './dto/proposal.dto';
import { AuthorRow, ProposalText } from './proposals.repository';
import { CommentRow } from './comments.repository';

export function toProposalDto(p: ProposalEntity, authors: AuthorRow[], shown?: { version: number } & ProposalText): ProposalDto {
  const text = shown ?? { version: p.currentVersion, title: p.title, summary: p.summary, body: p.body };
  return {
    id: p.id,
    councilId: p.councilId,
    workingGroupId: p.workingGroupId,
    status: p.status,
    version: text.version,
    currentVersion: p.currentVersion,
    title: text.title,
    summary: text.summary,
    body: text.body,
    authors: authors.map((a) => ({ membershipId: a.membershipId, userId: a.userId, fullName: a.fullName, primary: a.primary })),
    origin: p.originType && p.originId ? { type: p.originType, id: p.originId } : null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export const toVersionDto = (v: ProposalVersionEntity): VersionDto => ({
  id: v.id,
  proposalId: v.proposalId,
  version: v.version,
  title: v.title,
  summary: v.summary,
  body: v.body,
  authorMembershipId: v.authorMembershipId,
  createdAt: v.createdAt.toISOString(),
});

export const toCommentDto = (c: CommentRow): CommentDto => ({
  id: c.id,
  proposalId: c.proposalId,
  authorMembershipId: c.authorMembershipId,
  authorName: c.authorName,
  body: c.body,
  anchor: c.anchorVersion === null ? null : { version: c.anchorVersion, start: c.anchorStart as number, end: c.anchorEnd as number },
  replyTo: c.replyToId ?? null,
  createdAt: new Date(c.createdAt).toISOString(),
});

export const toTraceDto = (t: TraceEntryEntity): TraceEntryDto => ({
  at: t.at.toISOString(),
  kind: t.kind,
  summary: t.summary,
  ref: { type: t.refType, id: t.refId },
  data: t.data ?? null,
});

/** The strong ETag of a proposal version: `"<n>"`. */
export const etagOf = (version: number) => `"${version}"`;

/** The version an If-Match header names: `"3"`, `3` or `W/"3"`; NaN when it names none. */
export function versionFromIfMatch(header: string | undefined): number | null {
  if (header === undefined || header.trim() === '') return null;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  return m ? Number(m[1]) : Number.NaN;
}
