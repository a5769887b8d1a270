// "Ready at the bar" for the logged-in waiter: their done tickets that nobody has picked up yet and
// that they have not dismissed on this phone (dismissals are kept in localStorage). A new one buzzes.
import type { Ticket } from "../../../worker/protocol.ts";
import { api, ApiRequestError, NetworkError } from "../lib/api.ts";
import type { EventState } from "../lib/eventState.svelte.ts";

const DISMISSED_KEY = "mini-pos.service.dismissed";
/** How many dismissed ticket ids are kept. */
const DISMISSED_KEPT = 200;

export class ReadyNotices {
  #dismissed = $state.raw(new Set<string>(JSON.parse(localStorage.getItem(DISMISSED_KEY) ?? "[]") as string[]));
  readonly #live: EventState;
  readonly #me: () => string;

  /** The notices to show. */
  readonly list: Ticket[] = $derived.by(() => {
    const me = this.#me();
    return this.#live.tickets().filter((t) => t.waiter === me && t.doneAt !== null && t.pickedUpAt === null && !this.#dismissed.has(t.id));
  });

  constructor(live: EventState, me: () => string) {
    this.#live = live;
    this.#me = me;
    live.onTicketChange((ticket, before) => {
      // A new ready notice: buzz the phone once (where the browser allows it).
      if (ticket.waiter === this.#me() && ticket.doneAt !== null && before?.doneAt === null) navigator.vibrate?.([200, 100, 200]);
    });
  }

  dismiss(ticket: Ticket): void {
    this.#dismissed = new Set(this.#dismissed).add(ticket.id);
    localStorage.setItem(DISMISSED_KEY, JSON.stringify([...this.#dismissed].slice(-DISMISSED_KEPT)));
  }

  /** Tells the server the waiter took it; hidden on this phone either way. */
  async pickUp(ticket: Ticket): Promise<void> {
    try {
      await api("POST", `/tickets/${encodeURIComponent(ticket.id)}/pickup`);
    } catch (error) {
      // Already picked up by someone else, or no network: hide it on this phone anyway.
      if (!(error instanceof ApiRequestError || error instanceof NetworkError)) throw error;
    }
    this.dismiss(ticket);
  }
}
