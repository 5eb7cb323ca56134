/**
 * At most `size` tasks run at once; the others wait, first come first served.
 * For work that should not all start together, e.g. password hashes that
 * each take a CPU core and 19 MiB.
 */
export class Semaphore {
  private free: number;
  private readonly queue: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!(size >= 1)) throw new Error('a semaphore needs a size of at least 1');
    this.free = size;
  }

  /** Tasks waiting for a slot (for tests and metrics). */
  get waiting(): number {
    return this.queue.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.queue.push(resolve));
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line, so no newcomer can overtake it.
      const next = this.queue.shift();
      if (next) next();
      else this.free += 1;
    }
  }
}
