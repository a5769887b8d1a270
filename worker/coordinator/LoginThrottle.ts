// Wrong PINs per client within a sliding minute. Kept in the coordinator's memory: a restart forgets
// them, which only gives a guesser a fresh minute.
export class LoginThrottle {
  static readonly MAX_FAILURES = 5;
  static readonly WINDOW_MS = 60_000;
  private readonly failures = new Map<string, number[]>();

  private recent(client: string, now: number): number[] {
    const list = (this.failures.get(client) ?? []).filter((t) => now - t < LoginThrottle.WINDOW_MS);
    if (list.length) this.failures.set(client, list);
    else this.failures.delete(client);
    return list;
  }

  blocked(client: string, now: number): boolean {
    return this.recent(client, now).length >= LoginThrottle.MAX_FAILURES;
  }

  /** Records a failure; true when the client has now used up its attempts. */
  fail(client: string, now: number): boolean {
    const list = this.recent(client, now);
    list.push(now);
    this.failures.set(client, list);
    return list.length >= LoginThrottle.MAX_FAILURES;
  }
}
