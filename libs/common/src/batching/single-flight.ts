/**
 * Shares one piece of work among the callers who ask for the same key at
 * the same time, as a hall of watchers joining a sitting at once: one
 * database read answers all of them instead of one read each.
 *
 * Two ways to share, which differ in what a caller may be given:
 * - `share`: the work already running for the key, if any. Right when any
 *   answer read since the caller asked is good enough and a slightly older
 *   one is too (a snapshot that carries the seq it was read at).
 * - `next`: only work that starts after the caller asked. Callers that ask
 *   before it starts (within the same turn of the event loop) share it; a
 *   caller that asks while it runs waits for the next one. Right when the
 *   caller did something first that the read must see (joined a room, then
 *   reads the events committed since).
 *
 * `share` may also keep an answer for `keepMs` after it arrived (a
 * constructor option), for reads whose answer stays good that long.
 *
 * A failure reaches every caller that shared the attempt and is never kept;
 * the next caller tries again.
 */
export class SingleFlight<K, V> {
  private readonly running = new Map<K, Promise<V>>();
  private readonly waiting = new Map<K, Promise<V>>();

  /** @param keepMs how long `share` goes on giving an answer after it arrived (0: only while it runs). */
  constructor(private readonly keepMs = 0) {}

  share(key: K, work: () => Promise<V>): Promise<V> {
    const current = this.running.get(key);
    if (current) return current;
    return this.start(key, work);
  }

  next(key: K, work: () => Promise<V>): Promise<V> {
    const queued = this.waiting.get(key);
    if (queued) return queued;
    const promise = new Promise<V>((resolve, reject) => {
      setImmediate(() => {
        this.waiting.delete(key);
        this.start(key, work).then(resolve, reject);
      });
    });
    this.waiting.set(key, promise);
    return promise;
  }

  /** Keys with work running or waiting to start (for tests and metrics). */
  get size(): number {
    return new Set([...this.running.keys(), ...this.waiting.keys()]).size;
  }

  private start(key: K, work: () => Promise<V>): Promise<V> {
    let promise: Promise<V>;
    try {
      promise = work();
    } catch (err) {
      promise = Promise.reject(err);
    }
    this.running.set(key, promise);
    const done = () => {
      if (this.running.get(key) === promise) this.running.delete(key);
    };
    const kept = () => {
      if (this.keepMs <= 0) return done();
      setTimeout(done, this.keepMs).unref();
    };
    promise.then(kept, done);
    return promise;
  }
}
