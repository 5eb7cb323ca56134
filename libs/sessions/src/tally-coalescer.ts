/**
 * At most one `tally.updated` per poll per interval: the first ballot of a
 * quiet poll schedules a flush after `intervalMs`; ballots meanwhile fold
 * into it. The flush reads the counts after the latest committed ballot.
 */
export class TallyCoalescer {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly intervalMs: number,
    private readonly flush: (pollId: string) => Promise<void>,
  ) {}

  touch(pollId: string): void {
    if (this.pending.has(pollId)) return;
    const timer = setTimeout(() => {
      this.pending.delete(pollId);
      void this.flush(pollId);
    }, this.intervalMs);
    timer.unref();
    this.pending.set(pollId, timer);
  }

  stop(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
  }
}
