import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { PageQueryDto } from '@kenes/common';
import { CHOICES } from '@kenes/core';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export const RULE_SCHEMA = {
  type: 'object',
  required: ['method', 'base'],
  properties: {
    method: { type: 'string', enum: ['majority', 'qualified', 'unanimity', 'consensus', 'consent'] },
    base: { type: 'string', enum: ['cast', 'cast_with_abstentions', 'present', 'eligible'] },
    threshold: {
      type: 'object',
      nullable: true,
      required: ['numerator', 'denominator'],
      properties: { numerator: { type: 'integer' }, denominator: { type: 'integer' } },
      description: 'qualified only; 0 < n/d <= 1',
    },
    comparator: { type: 'string', nullable: true, enum: ['at_least', 'more_than'], description: 'qualified only; default at_least' },
    quorum: {
      type: 'object',
      nullable: true,
      properties: { count: { type: 'integer' }, numerator: { type: 'integer' }, denominator: { type: 'integer' } },
      description: '{count} or {numerator, denominator} of the eligible; null: no quorum',
    },
    tie: { type: 'string', nullable: true, enum: ['fails', 'chair_decides'], description: 'majority only; default fails' },
    allowChange: { type: 'boolean', description: 'default true; false (and only false) for secret polls' },
  },
} as const;

export class CreatePollDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  question: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: "the subject proposal (of the group's own)" })
  @IsOptional()
  @IsUUID()
  proposalId?: string | null;

  @ApiProperty({ description: 'secret ballots: who voted how is never stored together' })
  @IsBoolean()
  secret: boolean;

  @ApiProperty({ ...RULE_SCHEMA, description: "the tally rule, SPEC.md 'Tally rules'" } as never)
  @IsObject()
  rule: Record<string, unknown>;
}

export class CastBallotDto {
  @ApiProperty({ enum: CHOICES, description: 'for/against/abstain, or for consensus: for/stand_aside/block' })
  @IsString()
  @IsIn(CHOICES as unknown as string[], { message: `must be one of ${CHOICES.join(', ')}` })
  choice: string;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: "a delegate casts for the member whose proxy holds for this poll (that member's membershipId); 403 without one" })
  @IsOptional()
  @IsUUID()
  onBehalfOf?: string;
}

export class CastingDecisionDto {
  @ApiProperty({ enum: ['adopted', 'rejected'] })
  @IsIn(['adopted', 'rejected'])
  outcome: 'adopted' | 'rejected';
}

export class TallyQueryDto {
  @ApiPropertyOptional({ enum: ['en', 'ru', 'kk'] })
  @IsOptional()
  @IsIn(['en', 'ru', 'kk'])
  lang?: 'en' | 'ru' | 'kk';
}

export class CountsDto {
  @ApiProperty() for: number;
  @ApiProperty() against: number;
  @ApiProperty() abstain: number;
  @ApiProperty() block: number;
  @ApiProperty() stand_aside: number;
}

export class TallyDto {
  @ApiProperty({ type: CountsDto }) counts: CountsDto;
  @ApiProperty() base: string;
  @ApiProperty() baseSize: number;
  @ApiProperty() forNeeded: number;
  @ApiProperty({ nullable: true, type: Number }) quorumNeeded: number | null;
  @ApiProperty() quorumReached: boolean;
  @ApiProperty() participation: number;
  @ApiProperty() eligible: number;
  @ApiProperty({ enum: ['adopted', 'rejected', 'no_quorum', 'tied'] }) outcome: string;
  @ApiProperty({ enum: ['adopted', 'rejected'], nullable: true }) castingDecision: string | null;
  @ApiProperty({ description: 'ballots cast by proxy (Proxy voting); counted in `participation`' }) represented: number;
  @ApiProperty({ description: 'plain explanation in the requested language (?lang=en|ru|kk or Accept-Language)' }) explanation: string;
}

export class NamedBallotDto {
  @ApiProperty({ format: 'uuid' }) membershipId: string;
  @ApiProperty({ enum: CHOICES }) choice: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'the delegate who cast it by proxy (null: the member themselves)' }) castByMembershipId: string | null;
}

export class NamedBallotPageDto {
  @ApiProperty({ type: [NamedBallotDto] }) items: NamedBallotDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class PollDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) councilId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) workingGroupId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) sessionId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) proposalId: string | null;
  @ApiProperty() question: string;
  @ApiProperty() secret: boolean;
  @ApiProperty({ ...RULE_SCHEMA } as never) rule: Record<string, unknown>;
  @ApiProperty({ enum: ['draft', 'open', 'closed'] }) status: string;
  @ApiProperty({ nullable: true, type: Number, description: 'fixed when the poll opens' }) eligibleCount: number | null;
  @ApiProperty({ nullable: true, type: Number }) participation: number | null;
  @ApiProperty({ type: CountsDto, nullable: true, description: 'live while a named poll is open; never for an open secret poll' }) counts: CountsDto | null;
  @ApiProperty({ type: TallyDto, nullable: true }) tally: TallyDto | null;
  @ApiProperty({ type: [NamedBallotDto], nullable: true, description: 'who chose what, once a named poll is closed' }) ballots: NamedBallotDto[] | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) minorityOpinionsUntil: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) openedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** A poll in a list (GET /proposals/:proposalId/polls): as GET /polls/:pollId shows it, without its ballots (GET /polls/:pollId/ballots). */
export class PollListItemDto extends OmitType(PollDto, ['ballots'] as const) {}

export class PollPageDto {
  @ApiProperty({ type: [PollListItemDto] }) items: PollListItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

/** ?limit, ?cursor and the language of each tally's explanation. */
export class PollListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['en', 'ru', 'kk'], description: "the language of each closed poll's tally explanation (else Accept-Language, else en)" })
  @IsOptional()
  @IsIn(['en', 'ru', 'kk'])
  lang?: 'en' | 'ru' | 'kk';
}

export class ReceiptDto {
  @ApiProperty({ description: 'keep it: it proves your ballot was counted, and on a secret poll it alone proves your choice' }) receipt: string;
}

export class ReceiptItemDto {
  @ApiProperty({ description: 'lowercase hex SHA-256 of a counted ballot’s receipt (never the receipt, which proves a choice): hash yours to check it was counted', example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  receiptHash: string;
}

export class ReceiptPageDto {
  @ApiProperty({ type: [ReceiptItemDto] }) items: ReceiptItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

/** A session poll as the snapshot carries it: what a hall's display and a member's view show of it. */
export class SessionPollDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() question: string;
  @ApiProperty() secret: boolean;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) proposalId: string | null;
  @ApiProperty({ nullable: true, type: Number }) eligibleCount: number | null;
  @ApiProperty({ nullable: true, type: Number }) participation: number | null;
  @ApiProperty({ type: CountsDto, nullable: true, description: 'live while a named poll is open, the tally once closed; never for an open secret poll' }) counts: CountsDto | null;
  @ApiProperty({ type: TallyDto, nullable: true }) tally: TallyDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) openedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt: string | null;
}
