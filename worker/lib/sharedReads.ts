// Requests that share one read: while a read runs, those that come wait and share the next one.
// The stream's first frames use it (coordinator/streamSync.ts): sixty phones back from a WiFi drop
// cost one or two reads, not sixty, and one read at a time holds up the orders.

/** Someone waiting for a read: told once, with the error if the read failed. */
export interface Waiter {
  done(error?: unknown): void;
}

export class SharedReads<T extends Waiter> {
  private queue: T[] = [];
  private running = false;
  private readonly read: (take: () => T[]) => Promise<void>;
  private readonly failure: string;

  /**
   * `read` takes the waiting batch with `take()` when it is ready to read for them (after a pause,
   * so that those who come during it share the read) and hands each its answer. Whoever it took is
   * told the error if it throws (`failure` when it throws nothing).
   */
  constructor(read: (take: () => T[]) => Promise<void>, failure: string) {
    this.read = read;
    this.failure = failure;
  }

  push(waiter: T): void {
    this.queue.push(waiter);
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.running || !this.queue.length) return;
    this.running = true;
    let batch: T[] = [];
    try {
      await this.read(() => (batch = this.queue.splice(0)));
    } catch (error) {
      for (const w of batch) w.done(error ?? new Error(this.failure));
    } finally {
      this.running = false;
      void this.drain();
    }
  }
}
