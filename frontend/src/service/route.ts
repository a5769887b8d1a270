// The waiter app's screens, kept in the URL's hash (#/table/A1) so a reload stays where it was.
// #/earlier/<event>/<table> is a bill an earlier event left open (EarlierBillPage.svelte);
// #/counter/<id> is a cash desk (issue 22, desk/DeskPage.svelte).

export type Route =
  | { page: "map" }
  | { page: "table"; table: string }
  | { page: "history"; table: string }
  | { page: "earlier"; event: string; table: string }
  | { page: "outbox" }
  | { page: "cash" }
  | { page: "counter"; counter: string };

export function parseRoute(hash: string): Route {
  const [, page, table] = hash.replace(/^#\/?/, "").match(/^([a-z]+)(?:\/(.+))?$/) ?? [];
  const name = table ? decodeURIComponent(table) : "";
  if (page === "table" && name) return { page: "table", table: name };
  if (page === "history" && name) return { page: "history", table: name };
  if (page === "earlier") {
    // Both parts are encoded (hashOf), so a "/" only separates them.
    const [event, tableName, ...more] = (table ?? "").split("/");
    if (event && tableName && !more.length) return { page: "earlier", event: decodeURIComponent(event), table: decodeURIComponent(tableName) };
  }
  if (page === "outbox") return { page: "outbox" };
  if (page === "cash") return { page: "cash" };
  if (page === "counter" && name) return { page: "counter", counter: name };
  return { page: "map" };
}

/** The hash that parseRoute reads back as `route`. */
export function hashOf(route: Route): string {
  if (route.page === "map") return "";
  if (route.page === "outbox" || route.page === "cash") return `#/${route.page}`;
  if (route.page === "counter") return `#/counter/${encodeURIComponent(route.counter)}`;
  if (route.page === "earlier") return `#/earlier/${encodeURIComponent(route.event)}/${encodeURIComponent(route.table)}`;
  return `#/${route.page}/${encodeURIComponent(route.table)}`;
}
