/**
 * A token bucket: `capacity` tokens at most, `perSecond` added back as time
 * passes. Each accepted message takes one; an empty bucket refuses and says
 * when the next token comes back.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.at = now;
  }

  /** Takes a token: 0 when taken, else how many ms until one is back. */
  take(now: number): number {
    this.tokens = Math.min(this.capacity, this.tokens + (Math.max(0, now - this.at) * this.perSecond) / 1000);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) * 1000) / this.perSecond);
  }
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/**
 * How much one socket may send. A member or a moderator sends a command
 * every few seconds, a reconnecting client a burst of joins; the defaults
 * leave that far behind while a loop is refused within a fraction of a
 * second, and one that keeps sending after its refusals is disconnected.
 */
export interface LiveLimits {
  /** Messages (commands, joins, auth.refresh) a socket may send at once. */
  burst: number;
  /** Messages per second a socket gets back. */
  perSecond: number;
  /** Refusals a socket may collect (one back per second) before it is disconnected. */
  refusals: number;
  /** How often every socket's rooms are checked against its token and memberships (ms). */
  recheckMs: number;
  /** How often the log's latest seq is looked up for every room, told to each room whose seq moved (`session.heartbeat`, ms). */
  heartbeatMs: number;
  /** How long a room whose seq did not move goes without a heartbeat (ms). */
  quietHeartbeatMs: number;
}

/** Read when the gateway starts (KENES_LIVE_* variables; tests and benchmarks may widen or narrow them). */
export function liveLimits(): LiveLimits {
  return {
    burst: positive('KENES_LIVE_BURST', 100),
    perSecond: positive('KENES_LIVE_PER_SECOND', 20),
    refusals: positive('KENES_LIVE_REFUSALS', 100),
    recheckMs: positive('KENES_LIVE_RECHECK_MS', 10_000),
    heartbeatMs: positive('KENES_LIVE_HEARTBEAT_MS', 5_000),
    quietHeartbeatMs: positive('KENES_LIVE_QUIET_HEARTBEAT_MS', 30_000),
  };
}

/** The per-socket limiter: every incoming message takes a token; refusals are counted towards a disconnect. */
export class SocketLimiter {
  private readonly messages: TokenBucket;
  private readonly patience: TokenBucket;

  constructor(limits: LiveLimits, now: number) {
    this.messages = new TokenBucket(limits.burst, limits.perSecond, now);
    this.patience = new TokenBucket(limits.refusals, 1, now);
  }

  /** `{retryAfterMs: 0}` when accepted; else the wait, and whether the socket has flooded past its refusals. */
  take(now: number): { retryAfterMs: number; flooding: boolean } {
    const retryAfterMs = this.messages.take(now);
    if (retryAfterMs === 0) return { retryAfterMs, flooding: false };
    return { retryAfterMs, flooding: this.patience.take(now) > 0 };
  }
}
