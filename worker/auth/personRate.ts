// Requests and orders per person, limited in the worker's memory (issue 23): a person is a name of
// a role, and a device (the address it connects from, auth/clientAddress.ts), whatever sessions or
// cookies it holds. Forty sessions of one waiter name, or forty names from one laptop, share one
// budget; a login starts no new one. Each role has budgets of its own, so a waiter cannot drain a
// station's or the admin's. The box's own address is no device (everything on the box shares it).
//
// Who a session is (its role and name) never changes, so it is kept here once read from D1: a
// request of a session this isolate has seen is counted before any D1 work, and a refused one
// costs none. Admission still reads the session row (auth/session.ts, through its 2 s cache), so
// a logout or the admin's "end" takes effect exactly as before; this cache only refuses sooner.
import { TokenBuckets } from "../lib/tokenBucket.ts";
import { HTTP_LIMITS, ORDER_LINES_RATE, ORDER_RATE, type Role } from "../protocol.ts";
import { isBoxAddress } from "./clientAddress.ts";

export interface Person {
  role: Role;
  /** The name's look-alike key (auth/nameKey.ts): "Anna" and "anna" are one person. */
  nameKey: string;
}

/** Buckets kept per table; the least lately used goes when a new one needs room (lib/tokenBucket.ts). */
const MAX_BUCKETS = 20_000;
const requests = new TokenBuckets(HTTP_LIMITS.burst, HTTP_LIMITS.perSecond, MAX_BUCKETS);
const orders = new TokenBuckets(ORDER_RATE.burst, ORDER_RATE.perMinute / 60, MAX_BUCKETS);
const lines = new TokenBuckets(ORDER_LINES_RATE.burst, ORDER_LINES_RATE.perMinute / 60, MAX_BUCKETS);

const MAX_PEOPLE = 20_000;
const people = new Map<string, Person>();

/** Who a session is, if this isolate has read its row before. */
export function personOf(sessionId: string): Person | undefined {
  return people.get(sessionId);
}

export function rememberPerson(sessionId: string, person: Person): void {
  if (people.has(sessionId)) return;
  if (people.size >= MAX_PEOPLE) people.delete(people.keys().next().value!); // the oldest: it is read again if it comes back
  people.set(sessionId, person);
}

function budgetKeys(person: Person, address: string | undefined): string[] {
  const keys = [`${person.role} name ${person.nameKey}`];
  if (address && !isBoxAddress(address)) keys.push(`${person.role} device ${address}`);
  return keys;
}

export interface Refusal {
  what: "requests" | "orders" | "order lines";
  retryAfterSeconds: number;
}

/**
 * Counts one request of this person from this address (and one order when `order`); a Refusal when
 * it is over a limit (a refused request takes nothing; a refused order still was a request). Orders from the box's own address are not
 * counted: only the box's own programs come from there (the benchmarks send thousands a minute).
 */
export function admitRequest(person: Person, address: string | undefined, order: boolean, now: number): Refusal | undefined {
  const keys = budgetKeys(person, address);
  const wait = requests.takeAll(keys, now);
  if (wait !== undefined) return { what: "requests", retryAfterSeconds: wait };
  if (!order || address === undefined || isBoxAddress(address)) return undefined;
  const orderWait = orders.takeAll(keys, now);
  return orderWait === undefined ? undefined : { what: "orders", retryAfterSeconds: orderWait };
}

/**
 * Counts an order's lines against the person's budget of lines (ORDER_LINES_RATE), once its body
 * is known; a Refusal when they are over it (the order is not recorded: the phone sends it again
 * later). Like orders, lines from the box's own address are not counted.
 */
export function admitLines(person: Person, address: string | undefined, count: number, now: number): Refusal | undefined {
  if (address === undefined || isBoxAddress(address)) return undefined;
  const wait = lines.takeAll(budgetKeys(person, address), now, count);
  return wait === undefined ? undefined : { what: "order lines", retryAfterSeconds: wait };
}
