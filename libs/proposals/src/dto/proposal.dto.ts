import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUTOMATIC_CAUSES, DIFF_LIMITS, PROPOSAL_STATUSES, ProposalStatus, TRACE_KINDS } from '@kenes/core';
import { PageQueryDto } from '@kenes/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength } from 'class-validator';

export const MAX_TITLE = 300;
export const MAX_SUMMARY = 5_000;
export const MAX_BODY = 200_000;

export class ProposalTextDto {
  @ApiProperty({ maxLength: MAX_TITLE, example: 'Abolish the death penalty' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TITLE)
  title: string;

  @ApiProperty({ maxLength: MAX_SUMMARY })
  @IsString()
  @MaxLength(MAX_SUMMARY)
  summary: string;

  @ApiProperty({ maxLength: MAX_BODY, description: 'Markdown' })
  @IsString()
  @MaxLength(MAX_BODY)
  body: string;
}

export class CreateProposalDto extends ProposalTextDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'memberships of the same working group' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  coAuthorMembershipIds?: string[];
}

export class UpdateProposalDto extends ProposalTextDto {}

export class TransitionDto {
  @ApiProperty({ enum: PROPOSAL_STATUSES })
  @IsIn(PROPOSAL_STATUSES)
  to: ProposalStatus;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;
}

export class DiffQueryDto {
  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from: number;

  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  to: number;
}

export class SearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'full-text query (Russian, Kazakh, English)', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  q?: string;

  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES })
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES)
  status?: ProposalStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  groupId?: string;
}

export class ProposalAuthorDto {
  @ApiProperty({ format: 'uuid' }) membershipId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ description: 'the author who created it' }) primary: boolean;
}

export class ProposalOriginDto {
  @ApiProperty({ example: 'petition' }) type: string;
  @ApiProperty({ format: 'uuid' }) id: string;
}

export class ProposalDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) councilId: string;
  @ApiProperty({ format: 'uuid' }) workingGroupId: string;
  @ApiProperty({ enum: PROPOSAL_STATUSES }) status: ProposalStatus;
  @ApiProperty({ description: 'the version shown (the current one, or for an agency the latest it was consulted on)' }) version: number;
  @ApiProperty() currentVersion: number;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: [ProposalAuthorDto] }) authors: ProposalAuthorDto[];
  @ApiProperty({ type: ProposalOriginDto, nullable: true, description: 'where it came from when not drafted in the group (a petition); null otherwise' }) origin: ProposalOriginDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class VersionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) proposalId: string;
  @ApiProperty() version: number;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty() body: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null for the text of a petition' }) authorMembershipId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class VersionPageDto {
  @ApiProperty({ type: [VersionDto] }) items: VersionDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class DiffChunkDto {
  @ApiProperty({ enum: ['equal', 'added', 'removed'] }) op: 'equal' | 'added' | 'removed';
  @ApiProperty({ type: [String] }) lines: string[];
}

export class DiffStatsDto {
  @ApiProperty() added: number;
  @ApiProperty() removed: number;
}

const OMITTED = 'null when this field is too different to compare within the limits (it is then named in `omitted`)';

export class DiffDto {
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty({ type: [DiffChunkDto], nullable: true, description: OMITTED }) title: DiffChunkDto[] | null;
  @ApiProperty({ type: [DiffChunkDto], nullable: true, description: OMITTED }) summary: DiffChunkDto[] | null;
  @ApiProperty({ type: [DiffChunkDto], nullable: true, description: OMITTED }) body: DiffChunkDto[] | null;
  @ApiProperty({ type: DiffStatsDto, description: 'lines added and removed in the fields compared (those not in `omitted`)' }) stats: DiffStatsDto;
  @ApiProperty({
    description:
      `true when a field differs by more than ${DIFF_LIMITS.maxEditLength} lines (removed + added) between the two versions, or its ` +
      'lines repeat so much that comparing them would cost too much: its changes are omitted (null) and a client shows the two versions instead',
  })
  tooDifferent: boolean;
  @ApiProperty({ type: [String], enum: ['title', 'summary', 'body'], description: 'the fields whose changes are omitted; empty unless tooDifferent' })
  omitted: ('title' | 'summary' | 'body')[];
}

export class SearchHitDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) workingGroupId: string;
  @ApiProperty({ enum: PROPOSAL_STATUSES }) status: ProposalStatus;
  @ApiProperty() version: number;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ nullable: true, type: Number, description: 'relevance, when q is given' }) rank: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'matching fragment with <mark> around the matches, when q is given' }) snippet: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SearchPageDto {
  @ApiProperty({ type: [SearchHitDto] }) items: SearchHitDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class TraceRefDto {
  @ApiProperty() type: string;
  @ApiProperty({ format: 'uuid' }) id: string;
}

const COUNTS_SCHEMA = {
  type: 'object',
  required: ['for', 'against', 'abstain', 'block', 'stand_aside'],
  properties: { for: { type: 'integer' }, against: { type: 'integer' }, abstain: { type: 'integer' }, block: { type: 'integer' }, stand_aside: { type: 'integer' } },
};

/**
 * A trace line's facts, so that a client tells them in its own language. Which
 * fields a line carries depends on its `kind` (each field names its kinds).
 */
export class TraceDataDto {
  @ApiPropertyOptional({ enum: ['working_group', 'petition'], description: 'created' }) origin?: string;
  @ApiPropertyOptional({ description: 'created (working_group): the group it was drafted in' }) groupName?: string;
  @ApiPropertyOptional({ description: "created: the proposal's or the petition's title; plan_item, plan_update: the item's" }) title?: string;
  @ApiPropertyOptional({ description: "created (petition): the petition's author" }) authorName?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'created (petition): validated signatures' }) signatures?: number;
  @ApiPropertyOptional({ type: 'integer', description: "created (petition): the council's agenda threshold" }) agendaThreshold?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'version: the version written; consultation_opened: the version cited' }) version?: number;
  @ApiPropertyOptional({ description: 'transition: a proposal status; plan_update: a stage' }) from?: string;
  @ApiPropertyOptional({ description: 'transition: a proposal status; plan_update: a stage' }) to?: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    enum: [...AUTOMATIC_CAUSES, null],
    description: 'transition: what moved it automatically (null: requested)',
  })
  cause?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'transition: the reason given' }) reason?: string | null;
  @ApiPropertyOptional({ description: 'consultation_opened' }) agencyName?: string;
  @ApiPropertyOptional({ type: [String], description: 'consultation_opened: economic, legal, organisational, other' }) aspects?: string[];
  @ApiPropertyOptional({ format: 'date-time', description: 'consultation_opened' }) dueAt?: string;
  @ApiPropertyOptional({ enum: ['agency', 'author'], description: 'consultation_comment' }) authorKind?: string;
  @ApiPropertyOptional({ description: 'consultation_comment' }) aspect?: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: "consultation_comment, consultation_answered: the agency's position (supports, …; null on an authors' reply); minority_opinion: the ballot choice it stands for",
  })
  position?: string | null;
  @ApiPropertyOptional({ description: 'poll_closed' }) question?: string;
  @ApiPropertyOptional({ enum: ['adopted', 'rejected', 'no_quorum', 'tied'], description: 'poll_closed' }) outcome?: string;
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['adopted', 'rejected', null], description: "poll_closed: the chair's casting decision on a tie" }) castingDecision?: string | null;
  @ApiPropertyOptional({ ...COUNTS_SCHEMA, description: 'poll_closed' } as never) counts?: Record<string, number>;
  @ApiPropertyOptional({ description: 'agenda_item, decision: the sitting' }) sessionTitle?: string;
  @ApiPropertyOptional({ type: 'integer', description: "agenda_item: the item's place on the agenda" }) itemPosition?: number;
  @ApiPropertyOptional({ enum: ['supported', 'supported_with_changes', 'deferred', 'not_supported'], description: 'decision' }) resolution?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: "decision: the chair's instruction" }) instruction?: string | null;
  @ApiPropertyOptional({ description: 'plan_item: draft_law, decree, government_resolution, concept, other' }) deliverable?: string;
  @ApiPropertyOptional({ format: 'date', description: 'plan_item' }) dueOn?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'plan_update' }) legalActRef?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'plan_update' }) note?: string | null;
}

export class TraceEntryDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ description: `one of ${TRACE_KINDS.join(', ')}; a client tells a kind it does not know by its summary` }) kind: string;
  @ApiProperty({ description: 'the line in English, as it was written' }) summary: string;
  @ApiProperty({ type: TraceRefDto }) ref: TraceRefDto;
  @ApiProperty({ type: TraceDataDto, nullable: true, description: "the line's facts by kind (TraceDataDto), for a client to tell them in its language; null on lines written before they were recorded" })
  data: TraceDataDto | null;
}

export class TracePageDto {
  @ApiProperty({ type: [TraceEntryDto] }) items: TraceEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
