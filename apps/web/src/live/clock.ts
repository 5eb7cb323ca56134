import type { LiveFloor } from '@kenes/contracts';

/**
 * The floor's time left in ms at `serverNow`: from the server's `endsAt`
 * (negative once over time), or, while the sitting is paused, the time left
 * when it paused (the clock stops). Null without a floor.
 */
export function remainingMs(floor: LiveFloor | null, serverNow: number): number | null {
  if (!floor) return null;
  if (floor.endsAt === null || floor.endsAt === undefined) return floor.remainingMs ?? 0;
  return Date.parse(floor.endsAt) - serverNow;
}

/**
 * The time left, never more than the turn the server granted (endsAt −
 * grantedAt): the estimate of the server's clock lags by the delivery delay,
 * which would show 2:01 for a 2:00 turn just after the grant. A resumed turn
 * has a later endsAt, so the cap only grows with pauses.
 */
export function cappedAtTurn(floor: Pick<LiveFloor, 'endsAt' | 'grantedAt'> | null, left: number | null): number | null {
  if (left === null || !floor?.endsAt) return left;
  const turn = Date.parse(floor.endsAt) - Date.parse(floor.grantedAt);
  return Number.isFinite(turn) ? Math.min(left, turn) : left;
}

/**
 * `m:ss`, with a true minus sign (U+2212) when over time; to the nearest
 * second (a turn of 90 s reads 1:30 at its start whatever the few ms of
 * delivery), and the overrun in whole seconds past the end.
 */
export function formatClock(ms: number): string {
  const over = ms < 0;
  const total = over ? Math.floor(-ms / 1000) : Math.round(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${over && total > 0 ? '\u2212' : ''}${m}:${String(s).padStart(2, '0')}`;
}

/**
 * The server's clock as seen from here: each live event's `at` is when the
 * server sent it, so `at − arrival` bounds the offset from below (delivery
 * only adds delay); the largest such bound is the best estimate.
 */
export class ServerClock {
  private offset: number | null = null;

  observe(serverAt: string, arrivedAt = Date.now()): void {
    const o = Date.parse(serverAt) - arrivedAt;
    if (Number.isFinite(o) && (this.offset === null || o > this.offset)) this.offset = o;
  }

  now(local = Date.now()): number {
    return local + (this.offset ?? 0);
  }
}
