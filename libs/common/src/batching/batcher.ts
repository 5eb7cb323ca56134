export interface BatcherOptions<I, O> {
  /** Runs one batch: answers one output per input, in the inputs' order. */
  run(items: readonly I[]): Promise<readonly O[]>;
  /** The most items one batch carries. */
  maxBatch: number;
  /** The most batches running at once (each holds a database connection, say). */
  maxInFlight: number;
  /**
   * Items with the same key never share a batch and never run in two batches
   * at once: they run one after another, in the order they were submitted.
   */
  keyOf?(item: I): string;
}

interface Pending<I, O> {
  item: I;
  key: string | undefined;
  resolve(o: O): void;
  reject(err: unknown): void;
}

/**
 * Opportunistic batching ("group commit"): an item submitted while fewer
 * than `maxInFlight` batches run starts at once, alone; items that arrive
 * while every slot is busy wait and leave together in the next batch. A lone
 * caller therefore never waits for a timer, and a crowd shares round trips
 * and commits.
 *
 * A batch that fails is run again one item at a time, so a single bad item
 * fails alone (the batch must be all-or-nothing, as one SQL statement is).
 */
export class Batcher<I, O> {
  private queue: Pending<I, O>[] = [];
  private readonly busy = new Set<string>();
  private inFlight = 0;

  constructor(private readonly options: BatcherOptions<I, O>) {
    if (!(options.maxBatch >= 1) || !(options.maxInFlight >= 1)) throw new Error('a batcher needs maxBatch and maxInFlight of at least 1');
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, key: this.options.keyOf?.(item), resolve, reject });
      this.pump();
    });
  }

  /** Items waiting for a slot (for tests and metrics). */
  get waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.take();
      if (batch.length === 0) return; // every waiting item's key is running: its batch's end pumps again
      this.inFlight += 1;
      void this.execute(batch).finally(() => {
        this.inFlight -= 1;
        for (const p of batch) if (p.key !== undefined) this.busy.delete(p.key);
        this.pump();
      });
    }
  }

  /** The next batch, in submission order, skipping (and keeping in order) items whose key is running or already taken. */
  private take(): Pending<I, O>[] {
    const batch: Pending<I, O>[] = [];
    const rest: Pending<I, O>[] = [];
    for (const p of this.queue) {
      if (batch.length < this.options.maxBatch && (p.key === undefined || !this.busy.has(p.key))) {
        if (p.key !== undefined) this.busy.add(p.key);
        batch.push(p);
      } else {
        rest.push(p);
      }
    }
    this.queue = rest;
    return batch;
  }

  private async execute(batch: Pending<I, O>[]): Promise<void> {
    let out: readonly O[];
    try {
      out = await this.options.run(batch.map((p) => p.item));
    } catch (err) {
      if (batch.length === 1) return batch[0].reject(err);
      // All-or-nothing failed: nothing was done, so find the culprit by running each alone.
      for (const p of batch) {
        try {
          const [o] = await this.options.run([p.item]);
          p.resolve(o);
        } catch (e) {
          p.reject(e);
        }
      }
      return;
    }
    if (out.length !== batch.length) {
      // Done but not answered properly: a bug in `run`, never retried (it may have written).
      const err = new Error(`a batch of ${batch.length} answered ${out.length} results`);
      for (const p of batch) p.reject(err);
      return;
    }
    batch.forEach((p, i) => p.resolve(out[i]));
  }
}
