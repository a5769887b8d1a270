// A ticket's id names its order and its station: `<order id>.<station id>`. The worker makes it
// when an order is placed and reads the order back out of it when a station acts on a ticket; the
// station screens and the load scripts rebuild it from the lean station frames. One pair, so all
// of them agree. No zod here: the frontend imports it as a value.

/** The id of an order's ticket for one station. */
export function ticketId(orderId: string, station: string): string {
  return `${orderId}.${station}`;
}

/** The order and station a ticket id names, or undefined when the text is not a ticket id. */
export function parseTicketId(id: string): { orderId: string; station: string } | undefined {
  // Order ids are UUIDs (no dots), so the first dot ends the order id; a station id may hold dots.
  const dot = id.indexOf(".");
  if (dot <= 0 || dot === id.length - 1) return undefined;
  return { orderId: id.slice(0, dot), station: id.slice(dot + 1) };
}
