// Requests under way, by key: on a station screen "bump:<ticket>", "undo:<ticket>",
// "item:<ticket>:<line>" (the key names the action too, so an undo is never held up by the bump it
// undoes); a ticket's id on the pickup and history pages. A second tap on the same thing while its
// request runs is dropped, and the page shows it busy.

export class PendingRequests {
  #keys = $state.raw(new Set<string>());

  get keys(): ReadonlySet<string> {
    return this.#keys;
  }

  /** Runs `action` unless a request under the same key is still running. */
  async run(key: string, action: () => Promise<unknown>): Promise<void> {
    if (this.#keys.has(key)) return;
    this.#keys = new Set(this.#keys).add(key);
    try {
      await action();
    } finally {
      const next = new Set(this.#keys);
      next.delete(key);
      this.#keys = next;
    }
  }
}
