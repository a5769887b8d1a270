// What every API request must satisfy before any route sees it: a Host this server answers to,
// an Origin of this server on anything that changes data or opens the stream, and JSON as the
// only body type. Guests may share the festival WiFi: these keep their pages from acting for a
// logged-in phone (CSRF) and keep a rebinding domain from reaching the API at all.
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../auth/session.ts";
import { ApiError } from "../errors.ts";
import { loadEvent } from "../config/event.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * The authority a request was sent to (its Host header). The runtime copies the header into the
 * request's URL unchecked, so the URL of a request for `[evil.example]` or `a b` cannot be parsed:
 * read it from the text, never through `new URL`, which would throw (a 500).
 */
function authorityOf(url: string): string {
  const rest = url.slice(url.indexOf("://") + 3);
  const end = rest.search(/[/?#]/);
  return end === -1 ? rest : rest.slice(0, end);
}

/** A host name, an IPv4 or a bracketed IPv6 address, then perhaps a port: nothing else (no user@, no spaces). */
const AUTHORITY = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(:\d{0,5})?$/i;

/** The request's host (`hostname`, and `host` with its port as URL gives them), or undefined for a Host that is neither a name nor an address. */
export function requestHost(url: string): { hostname: string; host: string; origin: string } | undefined {
  const authority = authorityOf(url);
  if (!AUTHORITY.test(authority)) return undefined;
  try {
    const parsed = new URL(`${url.startsWith("https:") ? "https" : "http"}://${authority}/`);
    return { hostname: parsed.hostname, host: parsed.host, origin: parsed.origin };
  } catch {
    return undefined; // a port above 65535, an IPv4 with a part above 255, a malformed IPv6
  }
}

/** The answer to a Host that is no host at all, on every path (the app's pages too). */
function notAHost(url: string): ApiError {
  return new ApiError("HOST_NOT_ALLOWED", `this server does not answer to the Host ${JSON.stringify(authorityOf(url).slice(0, 80))}: it is not a host name or address; use the server's address`, "header.host");
}

/** Refuses, before anything else, a request whose Host is neither a host name nor an address. */
export const hostSyntaxGuard: MiddlewareHandler = async (c, next) => {
  if (!requestHost(c.req.url)) throw notAHost(c.req.url);
  await next();
};

/**
 * A DNS-rebinding attack always arrives under the attacker's domain name, never under an IP
 * address: so every IP literal is this machine's, as are `localhost` and the names the organiser
 * gave (config `network.hostnames`, or ALLOWED_HOSTS set by the start script: the machine's own
 * name and name.local). "*" switches the check off where the platform routes by name (Cloudflare).
 */
export function hostAllowed(hostname: string, allowed: readonly string[]): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  if (allowed.includes("*")) return true;
  if (IPV4.test(name) || name.startsWith("[")) return true;
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  return allowed.some((a) => a.toLowerCase() === name);
}

export const hostGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const host = requestHost(c.req.url);
  if (!host) throw notAHost(c.req.url);
  const configured = loadEvent(c.env).config.network?.hostnames ?? [];
  const fromStart = (c.env.ALLOWED_HOSTS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (!hostAllowed(host.hostname, [...configured, ...fromStart]))
    throw new ApiError("HOST_NOT_ALLOWED", `this server does not answer to the name "${host.hostname}"; use its address, or add the name to network.hostnames in the config`, "header.host");
  await next();
};

/**
 * Browsers send Origin with every POST and every WebSocket upgrade, same-site or not; a page of
 * another site (or of this host on another port) cannot hide it. Clients that are not browsers
 * must send it too (docs/api.md), so a request that changes data always says where it comes from.
 */
export const originGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const changesData = !SAFE_METHODS.has(c.req.method);
  const upgrade = c.req.header("upgrade")?.toLowerCase() === "websocket";
  if (changesData || upgrade) {
    const own = requestHost(c.req.url);
    if (!own) throw notAHost(c.req.url);
    const origin = c.req.header("origin");
    let originHost: string | undefined;
    try {
      originHost = origin && origin !== "null" ? new URL(origin).host : undefined;
    } catch {
      originHost = undefined;
    }
    if (originHost === undefined)
      throw new ApiError("CROSS_ORIGIN", `${upgrade ? "opening the stream" : "a request that changes data"} needs an Origin header naming this server (Origin: ${own.origin})`, "header.origin");
    if (originHost !== own.host)
      throw new ApiError("CROSS_ORIGIN", `requests from pages of ${origin} are not accepted; use this server's own pages (${own.origin})`, "header.origin");
  }
  await next();
};

/** `application/json`, optionally with `; charset=utf-8`: nothing that merely ends in +json, no other charset. */
const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*("?)utf-8\2\s*)?$/i;

/**
 * Every request that changes data is JSON, even one without a body (a bump, a logout): a page of
 * another site cannot send that type without the browser asking first, which this server never allows.
 */
export const jsonGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const hasBody = (c.req.header("content-length") ?? "0") !== "0" || c.req.header("transfer-encoding") !== undefined;
  if (!SAFE_METHODS.has(c.req.method) || hasBody) {
    const type = c.req.header("content-type");
    if (!type || !JSON_TYPE.test(type.trim()))
      throw new ApiError(
        "UNSUPPORTED_MEDIA_TYPE",
        type ? `send the request as application/json (utf-8), not ${type.slice(0, 80)}` : "send the request as application/json, even without a body",
        "header.content-type",
      );
  }
  await next();
};

/** A body must have arrived this long after its headers: phones send a few hundred bytes, with the headers. */
export const BODY_DEADLINE_MS = 5_000;

/**
 * Reads the body with a deadline, so that a client who opens requests and never finishes their
 * bodies cannot hold the server's memory for minutes each (measured: about 160 KB per request,
 * held as long as the connection stays open). The routes then read the body Hono has kept.
 */
const LATE = Symbol("late");
export const bodyDeadline: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<typeof LATE>((resolve) => (timer = setTimeout(() => resolve(LATE), BODY_DEADLINE_MS)));
    const body = c.req.text();
    body.catch(() => undefined); // the client went away; the deadline answers
    const first = await Promise.race([body, late]);
    clearTimeout(timer);
    if (first === LATE) throw new ApiError("REQUEST_TIMEOUT", `the request body did not arrive within ${BODY_DEADLINE_MS / 1000} s`, "body");
  }
  await next();
};
