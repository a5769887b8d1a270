// Wrong PINs within a sliding minute, per client and for everyone together. Kept in the
// coordinator's memory: a restart forgets them, which only gives a guesser a fresh minute.
//
// The client key is the address the runtime reports (CF-Connecting-IP). Under miniflare a client
// can send that header itself, so the per-client limit alone could be dodged by changing it on
// every try; the shared limit caps guessing at GLOBAL_MAX_FAILURES a minute whatever a client
// claims (a 4-digit PIN then takes hours to find). While it is reached, only new logins wait;
// sessions already open keep working.
export class LoginThrottle {
  static readonly MAX_FAILURES = 5;
  static readonly GLOBAL_MAX_FAILURES = 20;
  static readonly WINDOW_MS = 60_000;
  private readonly failures = new Map<string, number[]>();
  private all: number[] = [];

  private recent(client: string, now: number): number[] {
    const list = (this.failures.get(client) ?? []).filter((t) => now - t < LoginThrottle.WINDOW_MS);
    if (list.length) this.failures.set(client, list);
    else this.failures.delete(client);
    this.all = this.all.filter((t) => now - t < LoginThrottle.WINDOW_MS);
    return list;
  }

  blocked(client: string, now: number): boolean {
    return this.recent(client, now).length >= LoginThrottle.MAX_FAILURES || this.all.length >= LoginThrottle.GLOBAL_MAX_FAILURES;
  }

  /** Records a failure; true when the client (or everyone together) has now used up the attempts. */
  fail(client: string, now: number): boolean {
    const list = this.recent(client, now);
    list.push(now);
    this.all.push(now);
    this.failures.set(client, list);
    return list.length >= LoginThrottle.MAX_FAILURES || this.all.length >= LoginThrottle.GLOBAL_MAX_FAILURES;
  }
}
