import { CHOICES, FLOOR_KINDS, FloorKind } from '@kenes/core';
import { IsIn, IsInt, isInt, IsOptional, IsString, IsUUID, isUUID, Max, MaxLength, Min, min } from 'class-validator';

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

  /** A whole hall joins at once: plainly valid joins skip class-validator (plainJoinPayload). */
  static plain(payload: unknown): JoinPayload | null {
    return plainJoinPayload(payload);
  }
}

/**
 * A `session.join` payload that is plainly valid, without class-validator:
 * a whole hall sends one at once, and class-validator's lookup of a class's
 * rules costs more than the join's own work. It answers only when the
 * payload passes exactly the checks the decorators above declare (the same
 * functions), and null for anything else, which then goes through
 * class-validator for its errors.
 */
export function plainJoinPayload(payload: unknown): JoinPayload | null {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload) || Object.getPrototypeOf(payload) !== Object.prototype) return null;
  const p = payload as Record<string, unknown>;
  for (const key of Object.keys(p)) if (key !== 'sessionId' && key !== 'afterSeq') return null;
  if (!isUUID(p.sessionId)) return null;
  if (p.afterSeq !== undefined && p.afterSeq !== null && !(isInt(p.afterSeq) && min(p.afterSeq, 0))) return null;
  return Object.assign(new JoinPayload(), p);
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
