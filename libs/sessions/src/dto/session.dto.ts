import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FLOOR_KINDS } from '@kenes/core';
import { PageQueryDto } from '@kenes/common';
import { SessionPollDto } from '@kenes/polls';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';

export class CreateSessionDto {
  @ApiProperty({ enum: ['plenary', 'working_group'] })
  @IsIn(['plenary', 'working_group'])
  kind: 'plenary' | 'working_group';

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'required iff kind is working_group' })
  @IsOptional()
  @IsUUID()
  workingGroupId?: string | null;

  @ApiProperty({ maxLength: 300 })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time' })
  scheduledAt: string;

  @ApiProperty({ description: 'public sessions can be watched live without an account' })
  @IsBoolean()
  public: boolean;
}

export class CreateAgendaItemDto {
  @ApiProperty({ maxLength: 300 })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'a recommended or deferred proposal; it moves to on_agenda' })
  @IsOptional()
  @IsUUID()
  proposalId?: string | null;

  @ApiProperty({ type: [String], format: 'uuid', description: 'the speakers chosen by the group' })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  speakerMembershipIds: string[];

  @ApiProperty({ minimum: 1, maximum: 600, description: 'time allowance in minutes' })
  @IsInt()
  @Min(1)
  @Max(600)
  minutes: number;
}

export class DecisionDto {
  @ApiProperty({ enum: ['supported', 'supported_with_changes', 'deferred', 'not_supported'] })
  @IsIn(['supported', 'supported_with_changes', 'deferred', 'not_supported'])
  resolution: 'supported' | 'supported_with_changes' | 'deferred' | 'not_supported';

  @ApiPropertyOptional({ maxLength: 5000, nullable: true, description: "the chair's instruction" })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  instruction?: string | null;
}

export class EventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ minimum: 0, description: 'events after this seq' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;
}

export class SessionListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['scheduled', 'live', 'paused', 'closed'] })
  @IsOptional()
  @IsIn(['scheduled', 'live', 'paused', 'closed'])
  status?: 'scheduled' | 'live' | 'paused' | 'closed';

  @ApiPropertyOptional({ format: 'date-time', description: 'sittings scheduled at or after this time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'sittings scheduled before this time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time' })
  to?: string;
}

export class FloorRequestDto {
  @ApiPropertyOptional({ enum: FLOOR_KINDS })
  @IsOptional()
  @IsIn(FLOOR_KINDS)
  kind?: (typeof FLOOR_KINDS)[number];
}

export class AgendaItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty() position: number;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) proposalId: string | null;
  @ApiProperty({ type: [String] }) speakerMembershipIds: string[];
  @ApiProperty() minutes: number;
  @ApiProperty({ enum: ['pending', 'open', 'done'] }) status: string;
  @ApiProperty({ nullable: true, type: Object, description: '{resolution, instruction} once the chair decided' }) decision: { resolution: string; instruction: string | null } | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) councilId: string;
  @ApiProperty({ enum: ['plenary', 'working_group'] }) kind: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) workingGroupId: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) scheduledAt: string;
  @ApiProperty() public: boolean;
  @ApiProperty({ enum: ['scheduled', 'live', 'paused', 'closed'] }) state: string;
  @ApiProperty({ description: 'seq of the latest event (0 before any)' }) lastSeq: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) currentItemId: string | null;
  @ApiProperty({ type: [AgendaItemDto] }) agenda: AgendaItemDto[];
  @ApiProperty({ nullable: true, type: Object, description: '{membershipId, kind, grantedAt, endsAt, remainingMs, pausedAt}: endsAt is null and remainingMs the time left while the sitting is paused' }) floor: unknown;
  @ApiProperty({ type: [Object], description: 'requests for the floor, in order' }) queue: unknown[];
  @ApiProperty({ type: Object, description: '{present, represented, voters, quorumMet}: represented = absent members whose delegate is present (Proxy voting)' })
  attendance: { present: number; represented: number; voters: number; quorumMet: boolean | null };
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'full names by membership id of those the sitting concerns: the floor, the queue, the agenda speakers' })
  names?: Record<string, string>;
  @ApiPropertyOptional({ type: [SessionPollDto], description: 'the polls of the sitting that were opened, in the order they opened' })
  polls?: SessionPollDto[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({
    type: [Object],
    description: 'per agenda item: {itemId, allowanceSeconds, spokenSeconds, remainingSeconds, bySpeaker: {membershipId: s}, byGroup: {group: s}}, the turn in progress included',
  })
  speakingTime?: { itemId: string; allowanceSeconds: number; spokenSeconds: number; remainingSeconds: number; bySpeaker: Record<string, number>; byGroup: Record<string, number> }[];
}

/** A sitting in a list: what it is and where it stands, without its live state. */
export class SessionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) councilId: string;
  @ApiProperty({ enum: ['plenary', 'working_group'] }) kind: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) workingGroupId: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) scheduledAt: string;
  @ApiProperty() public: boolean;
  @ApiProperty({ enum: ['scheduled', 'live', 'paused', 'closed'] }) state: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SessionSummaryPageDto {
  @ApiProperty({ type: [SessionSummaryDto] }) items: SessionSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class SessionEventDto {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty() seq: number;
  @ApiProperty() type: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actor: string | null;
  @ApiProperty({ type: Object }) payload: Record<string, unknown>;
}

export class SessionEventPageDto {
  @ApiProperty({ type: [SessionEventDto] }) items: SessionEventDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class DecidedProposalDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'the status the decision moved it to' }) status: string;
}

export class DecisionResultDto extends AgendaItemDto {
  @ApiProperty({ type: DecidedProposalDto, nullable: true, description: 'the proposal after the decision; null for an item without one' })
  proposal: DecidedProposalDto | null;
}

export class MinutesQueryDto {
  @ApiPropertyOptional({ enum: ['md', 'json'], default: 'json' })
  @IsOptional()
  @IsIn(['md', 'json'])
  format?: 'md' | 'json';

  @ApiPropertyOptional({ enum: ['en', 'ru', 'kk'] })
  @IsOptional()
  @IsIn(['en', 'ru', 'kk'])
  lang?: 'en' | 'ru' | 'kk';
}
