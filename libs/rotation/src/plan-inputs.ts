import { createHash } from 'node:crypto';
import { BalanceTarget, MemberFixed, RotationInput } from '@kenes/core';
import { MembershipOn } from '@kenes/councils';

/** The day before an ISO date. */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export interface PlanRequest {
  effectiveOn: string;
  /** The day the plan was made: members whose term ends between it and effectiveOn leave in any case. */
  asOf: string;
  leave: { min: number; max: number };
  mustLeave: string[];
  mustStay: string[];
  lottery: { seed: string } | null;
}

export interface PlanInputs {
  input: RotationInput;
  /** Candidate id → user id and attributes. */
  candidates: Map<string, { userId: string; attributes: Record<string, string> }>;
  targets: BalanceTarget[];
  seats: number;
  hash: string;
}

/**
 * What a plan is computed from: the voting members at some time from the
 * day it is made to the day before `effectiveOn`, and those on `effectiveOn`
 * (a term that ends before `effectiveOn` leaves in any case; one that starts
 * on it stays), the pool, the targets and the seats (default: the voting
 * members on the day the plan is made). The SHA-256 of all of it, with the
 * request, is the plan's `inputsHash`: the same hash later means nothing
 * changed.
 */
export function planInputs(
  request: PlanRequest,
  before: MembershipOn[],
  on: MembershipOn[],
  current: number,
  pool: { id: string; userId: string; attributes: Record<string, string> }[],
  targets: BalanceTarget[],
  seats: number | null,
): PlanInputs {
  const onIds = new Set(on.map((m) => m.id));
  const beforeIds = new Set(before.map((m) => m.id));
  const fixedOf = (m: MembershipOn): MemberFixed => {
    if (!onIds.has(m.id)) return 'term_ends';
    if (!beforeIds.has(m.id)) return 'must_stay';
    if (request.mustLeave.includes(m.id)) return 'must_leave';
    if (request.mustStay.includes(m.id)) return 'must_stay';
    return null;
  };
  const members = [...on, ...before.filter((m) => !onIds.has(m.id))]
    .map((m) => ({ id: m.id, attributes: m.attributes, fixed: fixedOf(m), startsOn: m.startsOn }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const seatCount = seats ?? current;
  const input: RotationInput = {
    members,
    candidates: pool.map((c) => ({ id: c.id, attributes: c.attributes })),
    targets,
    seats: seatCount,
    leave: request.leave,
  };
  const canonical = JSON.stringify({
    // Field by field: a request read back from jsonb has its keys in another order.
    request: [request.effectiveOn, request.asOf, request.leave.min, request.leave.max, [...request.mustLeave].sort(), [...request.mustStay].sort(), request.lottery?.seed ?? null],
    members: members.map((m) => [m.id, m.fixed, m.startsOn, sortedEntries(m.attributes)]),
    candidates: pool.map((c) => [c.id, c.userId, sortedEntries(c.attributes)]),
    targets: [...targets].map((t) => [t.dimension, t.value, t.min, t.max, t.weight ?? 1]).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
    seats: seatCount,
  });
  return {
    input,
    candidates: new Map(pool.map((c) => [c.id, { userId: c.userId, attributes: c.attributes }])),
    targets,
    seats: seatCount,
    hash: createHash('sha256').update(canonical).digest('hex'),
  };
}

const sortedEntries = (o: Record<string, string>) => Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1));
