// The station screens' paths: /bar, /bar/pickup, /bar/<station>, /bar/<station>/history.
// Navigation uses the History API; the server answers every /bar/* path with the app (SPA fallback).
export type Route =
  | { kind: "list" }
  | { kind: "pickup" }
  | { kind: "station"; station: string }
  | { kind: "history"; station: string }
  | { kind: "unknown" };

export function parseRoute(path: string): Route {
  const parts = path.replace(/^\/bar\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { kind: "list" };
  if (parts.length === 1 && parts[0] === "pickup") return { kind: "pickup" };
  if (parts.length === 1) return { kind: "station", station: parts[0]! };
  if (parts.length === 2 && parts[1] === "history") return { kind: "history", station: parts[0]! };
  return { kind: "unknown" };
}

export const paths = {
  list: "/bar",
  pickup: "/bar/pickup",
  station: (id: string) => `/bar/${encodeURIComponent(id)}`,
  history: (id: string) => `/bar/${encodeURIComponent(id)}/history`,
};

class Router {
  #path = $state(typeof location === "undefined" ? "/bar" : location.pathname);

  constructor() {
    if (typeof window !== "undefined") window.addEventListener("popstate", () => (this.#path = location.pathname));
  }

  get path(): string {
    return this.#path;
  }

  get route(): Route {
    return parseRoute(this.#path);
  }

  navigate(path: string, replace = false): void {
    if (path === this.#path) return;
    if (replace) history.replaceState(null, "", path);
    else history.pushState(null, "", path);
    this.#path = path;
  }

  /** For <a onclick>: in-app navigation, but a middle click or ctrl-click still opens a tab. */
  link = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.currentTarget as HTMLAnchorElement;
    event.preventDefault();
    this.navigate(anchor.pathname);
  };
}

export const router = new Router();
