import { CHOICES, FLOOR_KINDS, FloorKind } from '@kenes/core';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

/** Socket payloads, validated like HTTP bodies (unknown fields refused). */
export class SessionRef {
  @IsUUID()
  sessionId: string;
}

export class JoinPayload extends SessionRef {
  @IsOptional()
  @IsInt()
  @Min(0)
  afterSeq?: number;
}

export class AgendaOpenPayload extends SessionRef {
  @IsUUID()
  itemId: string;
}

export class FloorRequestPayload extends SessionRef {
  @IsOptional()
  @IsIn(FLOOR_KINDS)
  kind?: FloorKind;
}

export class FloorGrantPayload extends SessionRef {
  @IsUUID()
  membershipId: string;

  @IsInt()
  @Min(1)
  @Max(3600)
  seconds: number;
}

export class PollRef {
  @IsUUID()
  pollId: string;
}

export class BallotPayload extends PollRef {
  @IsString()
  @IsIn(CHOICES as unknown as string[], { message: `must be one of ${CHOICES.join(', ')}` })
  choice: string;

  /** The member's reason (for an against, a block, an objection), as PUT /polls/:id/ballot takes it. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  idempotencyKey?: string;

  /** Proxy voting: the member (membershipId) whose proxy the caster holds for this poll, as PUT /polls/:id/ballot takes it. */
  @IsOptional()
  @IsUUID()
  onBehalfOf?: string;
}
