// Who gets one of the event's sockets (issue 23): each role has a room of its own (STREAM_LIMITS.
// socketsByRole), so waiters, however many, never take the stations' or the admin's; within the
// waiters' room a person has a bounded share: a login session, a waiter name across all its
// sessions and a device across all its waiter sessions each keep at most their cap, and a new
// socket over a cap makes its own oldest give way (code 4002) instead of being refused. When the
// waiters' room is full, a name with fewer sockets takes one from the name with the most, so a
// few names cannot keep an honest waiter out; only when every name is down to its fair part is
// the new socket refused (503).
import { groupBy } from "../db/client.ts";
import { STREAM_LIMITS, type Role } from "../protocol.ts";

/** Who a socket belongs to, as the coordinator tags it. */
export interface SocketOwner {
  role: Role;
  /** The login session ("" when unknown). */
  session: string;
  /** A waiter's name key (auth/nameKey.ts), "" for other roles. */
  name: string;
  /** The device of the session (its signed device token's id), "" when unknown. */
  device: string;
}

/** What the hub can tell about its open sockets. */
export interface SocketView {
  /** Open sockets with this tag (all open ones without). */
  open(tag?: string): WebSocket[];
  openedAt(ws: WebSocket): number;
  /** The name tag of an open waiter socket. */
  nameTagOf(ws: WebSocket): string;
}

/** The answer to an upgrade into a full room (the stream's and the display's): 503 TOO_MANY_SOCKETS with Retry-After. */
export function roomFull(message: string): Response {
  const error = { code: "TOO_MANY_SOCKETS", message, path: "" };
  return Response.json({ error }, { status: 503, headers: { "Retry-After": "30" } });
}

export type Admission = { ok: true; close: { ws: WebSocket; reason: string }[] } | { ok: false; message: string };

export const sessionTag = (id: string) => `session:${id}`;
// Tags are at most 256 characters; a cut key only merges two very long names.
export const nameTag = (key: string) => `name:${key.slice(0, 200)}`;
export const deviceTag = (id: string) => `device:${id.slice(0, 200)}`;

/** The tags of a socket besides its role and station. */
export function ownerTags(who: SocketOwner): string[] {
  const tags = who.session ? [sessionTag(who.session)] : [];
  if (who.role === "waiter") {
    if (who.name) tags.push(nameTag(who.name));
    if (who.device) tags.push(deviceTag(who.device));
  }
  return tags;
}

const ROOM_NAMES: Record<Role, string> = { waiter: "waiters'", station: "station screens'", admin: "admin's" };

/** Whether a new socket of `who` may open, and which sockets give way for it. */
export function admit(view: SocketView, who: SocketOwner): Admission {
  const close = new Map<WebSocket, string>();
  const oldestFirst = (sockets: WebSocket[]) => sockets.filter((ws) => !close.has(ws)).sort((a, b) => view.openedAt(a) - view.openedAt(b));
  const cap = (tag: string, limit: number, reason: string) => {
    const mine = oldestFirst(view.open(tag));
    for (const ws of mine.slice(0, Math.max(0, mine.length - limit + 1))) close.set(ws, reason);
  };
  if (who.session) cap(sessionTag(who.session), STREAM_LIMITS.socketsPerSession, `more than ${STREAM_LIMITS.socketsPerSession} connections of this login; the newest stay`);
  if (who.role === "waiter" && who.name) cap(nameTag(who.name), STREAM_LIMITS.socketsPerName, `more than ${STREAM_LIMITS.socketsPerName} connections of this name; the newest stay`);
  if (who.role === "waiter" && who.device) cap(deviceTag(who.device), STREAM_LIMITS.socketsPerDevice, `more than ${STREAM_LIMITS.socketsPerDevice} connections of this device; the newest stay`);

  const room = STREAM_LIMITS.socketsByRole[who.role];
  const used = view.open(who.role).filter((ws) => !close.has(ws));
  const result = () => ({ ok: true as const, close: [...close].map(([ws, reason]) => ({ ws, reason })) });
  if (used.length < room) return result();
  const full = { ok: false as const, message: `the ${ROOM_NAMES[who.role]} ${room} live connections are in use; try again in a minute` };
  if (who.role !== "waiter") return full;

  // The waiters' room is full: the name with the most sockets gives one up if it has at least two more than this one.
  const taken = fromTheMost(used, (ws) => view.nameTagOf(ws), who.name ? nameTag(who.name) : undefined, view.openedAt);
  if (!taken) return full;
  close.set(taken, `the waiters' ${room} connections are in use; the name with the most gave one up`);
  return result();
}

/**
 * In a full room, the socket a newcomer of group `own` takes: the oldest of the group with the most
 * sockets, if that group has at least two more than `own` has (so that shares only ever even out);
 * undefined when every group is down to about its fair part, and the newcomer is refused. The groups
 * are the waiters' names here, the devices' addresses in the guests' display room (displayRoom.ts).
 */
export function fromTheMost(used: WebSocket[], groupOf: (ws: WebSocket) => string, own: string | undefined, openedAt: (ws: WebSocket) => number): WebSocket | undefined {
  const groups = groupBy(used, groupOf);
  const ownCount = own === undefined ? 0 : (groups.get(own)?.length ?? 0);
  let most: WebSocket[] = [];
  for (const sockets of groups.values()) if (sockets.length > most.length) most = sockets;
  if (most.length < ownCount + 2) return undefined;
  return [...most].sort((a, b) => openedAt(a) - openedAt(b))[0];
}
