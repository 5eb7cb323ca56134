import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DIFF_LIMITS, PROPOSAL_STATUSES, ProposalStatus } from '@kenes/core';
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

export class TraceEntryDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() kind: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: TraceRefDto }) ref: TraceRefDto;
}

export class TracePageDto {
  @ApiProperty({ type: [TraceEntryDto] }) items: TraceEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
