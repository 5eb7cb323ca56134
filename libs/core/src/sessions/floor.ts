/**
 * The speakers' queue. Requests queue in order; a point of order goes to the
 * head of the queue (behind earlier points of order). A member holds at most
 * one place.
 */
export const FLOOR_KINDS = ['contribution', 'pro', 'contra', 'reply', 'point_of_order'] as const;
export type FloorKind = (typeof FLOOR_KINDS)[number];

export interface FloorRequest {
  membershipId: string;
  kind: FloorKind;
  requestedAt: string;
}

export interface FloorHolder {
  membershipId: string;
  kind: FloorKind;
  grantedAt: string;
  /** Server-authoritative end of the speaking time; null while the sitting is paused (the clock stops). */
  endsAt: string | null;
  /** While paused: the speaking time left when the pause began. */
  remainingMs?: number | null;
  /** While paused: when the pause began. */
  pausedAt?: string | null;
  /** Time spent paused since the grant (not spoken). */
  pausedMs?: number;
}

export type QueueResult = { ok: true; queue: FloorRequest[] } | { ok: false; reason: 'already_queued' | 'not_queued' };

export function requestFloor(queue: readonly FloorRequest[], r: FloorRequest): QueueResult {
  if (queue.some((q) => q.membershipId === r.membershipId)) return { ok: false, reason: 'already_queued' };
  if (r.kind !== 'point_of_order') return { ok: true, queue: [...queue, r] };
  const at = queue.findIndex((q) => q.kind !== 'point_of_order');
  const next = [...queue];
  next.splice(at === -1 ? next.length : at, 0, r);
  return { ok: true, queue: next };
}

export function withdrawFloor(queue: readonly FloorRequest[], membershipId: string): QueueResult {
  if (!queue.some((q) => q.membershipId === membershipId)) return { ok: false, reason: 'not_queued' };
  return { ok: true, queue: queue.filter((q) => q.membershipId !== membershipId) };
}

/** Granting the floor takes the speaker out of the queue (if queued); the kind is the request's, or `contribution`. */
export function grantFloor(queue: readonly FloorRequest[], membershipId: string, now: Date, seconds: number): { queue: FloorRequest[]; holder: FloorHolder } {
  const request = queue.find((q) => q.membershipId === membershipId);
  return {
    queue: queue.filter((q) => q.membershipId !== membershipId),
    holder: { membershipId, kind: request?.kind ?? 'contribution', grantedAt: now.toISOString(), endsAt: new Date(now.getTime() + seconds * 1000).toISOString() },
  };
}

/** Seconds actually spoken: from the grant to the end, never beyond the allowed time, pauses left out. */
export function spokenSeconds(holder: FloorHolder, endedAt: Date): number {
  const end = holder.pausedAt ? new Date(holder.pausedAt).getTime() : Math.min(endedAt.getTime(), new Date(holder.endsAt as string).getTime());
  return Math.max(0, Math.round((end - new Date(holder.grantedAt).getTime() - (holder.pausedMs ?? 0)) / 1000));
}

/** The sitting pauses: the floor's clock stops with what was left (a paused floor never ends by itself). */
export function pauseFloor(holder: FloorHolder, now: Date): FloorHolder {
  if (holder.pausedAt || holder.endsAt === null) return holder;
  // A floor whose time ran out just before the pause (the sweep had not ended it yet) stopped at its end.
  const stoppedAt = Math.min(now.getTime(), new Date(holder.endsAt).getTime());
  return { ...holder, remainingMs: Math.max(0, new Date(holder.endsAt).getTime() - now.getTime()), endsAt: null, pausedAt: new Date(stoppedAt).toISOString() };
}

/** The sitting resumes: the clock runs on from what was left. */
export function resumeFloor(holder: FloorHolder, now: Date): FloorHolder {
  if (!holder.pausedAt) return holder;
  const paused = Math.max(0, now.getTime() - new Date(holder.pausedAt).getTime());
  return {
    ...holder,
    endsAt: new Date(now.getTime() + (holder.remainingMs ?? 0)).toISOString(),
    remainingMs: null,
    pausedAt: null,
    pausedMs: (holder.pausedMs ?? 0) + paused,
  };
}
