// Group commit for orders (and any command with a groupKey): orders that arrive while the
// coordinator's chain is busy wait here and go into the chain together, as one group written in one
// D1 batch (see commandRunner.runGroup).
// One D1 round trip for many orders is most of what an order costs in workerd. Two requests for
// the same order id never share a group: the second waits for the next one. An id this object
// has just handled (a phone sending again because an answer was lost) is run on its own: its
// insert would hit the taken id and make the whole group's batch fail and run one by one.
import type { Result } from "../errors.ts";
import { runGroup, type CommandHost, type Job, type Request } from "./commandRunner.ts";

/** Enough to share a round trip among a busy evening's phones; small enough for one quick batch. */
export const MAX_GROUP = 32;
/** How many recent order ids are remembered: a retry comes within seconds, not a thousand orders later. */
const RECENT_IDS = 1000;

export class OrderGroups {
  private queue: (Job & { key: string })[] = [];
  private scheduled = false;
  /** Ids of the orders handled lately, oldest first (a Set keeps insertion order). */
  private readonly recent = new Set<string>();

  private readonly host: CommandHost;
  private readonly serialize: (fn: () => Promise<void>) => Promise<void>;

  constructor(host: CommandHost, serialize: (fn: () => Promise<void>) => Promise<void>) {
    this.host = host;
    this.serialize = serialize;
  }

  /** Queues a request; `key` is what must not repeat within a group (the order id). */
  push(request: Request, key: string): Promise<Result<object>> {
    return new Promise<Result<object>>((resolve, reject) => {
      this.queue.push({ ...request, key, resolve, reject });
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
    const alone: Job[] = [];
    const keys = new Set<string>();
    const later: typeof this.queue = [];
    for (const job of this.queue) {
      if (group.length + alone.length >= MAX_GROUP || keys.has(job.key)) later.push(job);
      else {
        keys.add(job.key);
        (this.recent.has(job.key) ? alone : group).push(job);
      }
    }
    this.queue = later;
    if (later.length) this.schedule();
    for (const key of keys) {
      this.recent.delete(key);
      this.recent.add(key);
    }
    for (const key of this.recent) {
      if (this.recent.size <= RECENT_IDS) break;
      this.recent.delete(key);
    }
    if (group.length) await runGroup(this.host, group);
    for (const job of alone) await runGroup(this.host, [job]);
  }
}
