// The station screens' paths: /bar, /bar/pickup, /bar/all, /bar/<station>, /bar/<station>/history.
// Navigation uses the History API; the server answers every /bar/* path with the app (SPA fallback).
import type { Station } from "../../../worker/protocol.ts";

export type Route =
  | { kind: "list" }
  | { kind: "pickup" }
  /** Every station's tickets on one screen (a small event with one counter). */
  | { kind: "all"; segment: string }
  | { kind: "station"; station: string }
  | { kind: "history"; station: string }
  | { kind: "unknown" };

/** /bar/all, and /bar/default, the old app's address of its one screen for all stations. */
const ALL_PATHS = ["all", "default"];

export function parseRoute(path: string): Route {
  const parts = path.replace(/^\/bar\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { kind: "list" };
  if (parts.length === 1 && parts[0] === "pickup") return { kind: "pickup" };
  if (parts.length === 1 && ALL_PATHS.includes(parts[0]!)) return { kind: "all", segment: parts[0]! };
  if (parts.length === 1) return { kind: "station", station: parts[0]! };
  if (parts.length === 2 && parts[1] === "history") return { kind: "history", station: parts[0]! };
  return { kind: "unknown" };
}

/** A station whose id is "all" or "default" (the config allows it) keeps its own screen at that path. */
export function forStations(route: Route, stations: readonly Station[] | undefined): Route {
  if (route.kind !== "all") return route;
  return stations?.some((s) => s.id === route.segment) ? { kind: "station", station: route.segment } : route;
}

export const paths = {
  list: "/bar",
  pickup: "/bar/pickup",
  all: "/bar/all",
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
