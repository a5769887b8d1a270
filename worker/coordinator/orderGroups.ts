// Group commit for orders: orders that arrive while the coordinator's chain is busy wait here and
// go into the chain together, as one group written in one D1 batch (see commandRunner.runGroup).
// One D1 round trip for many orders is most of what an order costs in workerd. Two requests for
// the same order id never share a group: the second waits for the next one and finds the first
// stored (a replay), instead of failing the whole group's batch on the taken id.
import type { Result } from "../errors.ts";
import type { Session } from "../protocol.ts";
import { runGroup, type AnyCommand, type CommandHost, type Job } from "./commandRunner.ts";

/** Enough to share a round trip among a busy evening's phones; small enough for one quick batch. */
export const MAX_GROUP = 32;

export class OrderGroups {
  private queue: (Job & { key: string })[] = [];
  private scheduled = false;

  private readonly host: CommandHost;
  private readonly serialize: (fn: () => Promise<void>) => Promise<void>;

  constructor(host: CommandHost, serialize: (fn: () => Promise<void>) => Promise<void>) {
    this.host = host;
    this.serialize = serialize;
  }

  /** Queues a command; `key` is what must not repeat within a group (the order id). */
  push<T extends object>(command: AnyCommand, actor: Session, input: unknown, key: string): Promise<Result<T>> {
    return new Promise<Result<T>>((resolve, reject) => {
      this.queue.push({ command, actor, input, key, resolve: resolve as Job["resolve"], reject });
      this.schedule();
    });
  }

  /** One drain at a time waits in the chain; whatever arrives before it starts joins it. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    void this.serialize(() => this.drain());
  }

  private async drain(): Promise<void> {
    this.scheduled = false;
    const group: Job[] = [];
    const keys = new Set<string>();
    const later: typeof this.queue = [];
    for (const job of this.queue) {
      if (group.length < MAX_GROUP && !keys.has(job.key)) {
        keys.add(job.key);
        group.push(job);
      } else later.push(job);
    }
    this.queue = later;
    if (later.length) this.schedule();
    await runGroup(this.host, group);
  }
}
