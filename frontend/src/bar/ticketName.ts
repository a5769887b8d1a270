// How the station screens name a ticket in toasts, the history and the pickup view: its place (a
// table, or a counter order's cash desk, never the "#…" bill key) and the order's number
// ("A1 · Nr. 42", "Kasse 1 · Nr. 42"). Orders from before numbers (0) go by their place alone.
import type { Counter, Order, Ticket } from "../../../worker/protocol.ts";
import { lang } from "./i18n.svelte.ts";
import { ticketPlace } from "./items.ts";

/** "Nr. 42"; empty for an order without a number. */
export const numberText = (n: number | undefined): string => (n ? lang.t("orderNumber", { n }) : "");

export function ticketLabel(ticket: Ticket, order: Order | undefined, counters: readonly Counter[]): string {
  return [ticketPlace(ticket, order, counters), numberText(ticket.number)].filter(Boolean).join(" · ");
}
