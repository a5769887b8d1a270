// The attacks of issue 23, by someone who knows the waiter PIN (and, for the last two, the admin's
// session): each runs at full size next to an honest waiter whose orders are timed (watch.ts).
//   sockets    130 logins × 4 sockets; then a kitchen screen and the admin try to connect
//   sessions   40 sessions of one name on one device, each reading GET /tables in a loop; then 40 names
//   big        the largest orders from four phones of one person for 10 s (the bounds of docs/api.md: 50 lines, 999 items and
//              1,000 note characters in all; the 100 lines × qty 999 are refused), then 10 phones connect
//   adminPin   4 devices logged in with the waiter PIN send 10 wrong admin PINs a minute; the organiser's device logs in as admin
//   menu       the admin saves a 61 KB menu in a loop for 40 s
// What reading costs (reports, reconnects, and the control "evening") is in reads.ts.
import { PINS, StreamClient, getMenu, http, login, sleep, type ServerProcess } from "../../lib/loadClient.ts";
import { attackerPhones, loginFrom, send } from "./fromAddress.ts";
import { honestOrders, type MemoryWatch } from "./watch.ts";

/** round: which pass of `--rounds` (attack.ts); names of later rounds get " R2", " R3" (the first round's sessions are still open). */
export type Ctx = { server: ServerProcess; honest: string; memory: MemoryWatch; round?: number };
export const named = (ctx: Ctx, name: string) => ((ctx.round ?? 1) > 1 ? `${name} R${ctx.round}` : name);
export const count = (list: number[]) => list.reduce<Record<string, number>>((m, s) => ((m[s] = (m[s] ?? 0) + 1), m), {});

/** A login that keeps its device cookies (the same device may log in under its name again and again). */
export async function loginOn(base: string, name: string, role: keyof typeof PINS, device?: string, pin: string = PINS[role]): Promise<{ status: number; session?: string; device?: string; error?: string }> {
  const res = await fetch(`${base}/api/v1/login`, { method: "POST", headers: { "content-type": "application/json", origin: base, ...(device ? { cookie: device } : {}) }, body: JSON.stringify({ name, pin }) });
  const text = await res.text();
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  // A refusal's code and message (what the login page would show), to say which limit it was.
  const error = res.ok ? undefined : (() => { try { const e = JSON.parse(text).error; return `${e.code}: ${e.message}`; } catch { return text.slice(0, 120); } })();
  // What the browser keeps for the device: its token and, after an admin login, the admin mark
  // (mini_pos_admin_device), which puts the organiser's wrong PINs in a pool of their own.
  const kept = new Map((device ?? "").split("; ").filter(Boolean).map((c) => [c.split("=")[0]!, c] as const));
  for (const c of cookies) if (c.startsWith("mini_pos_device=") || c.startsWith("mini_pos_admin_device=")) kept.set(c.split("=")[0]!, c);
  return { status: res.status, session: cookies.find((c) => c.startsWith("mini_pos_session=")), device: kept.size ? [...kept.values()].join("; ") : undefined, error };
}

export async function trySocket(base: string, cookie: string, station?: string, view?: "phone"): Promise<{ ok: boolean; error?: string; client: StreamClient }> {
  const client = new StreamClient(base, cookie, station);
  client.view = view;
  try {
    await client.connect(undefined, 30_000);
    return { ok: true, client };
  } catch (error) {
    return { ok: false, error: (error as Error).message.slice(0, 120), client };
  }
}

export async function socketFill(ctx: Ctx) {
  const { server, honest, memory } = ctx;
  memory.phase = "sockets";
  const base = server.base;
  const held: StreamClient[] = [];
  let refused = 0;
  const logins = await Promise.all(Array.from({ length: 130 }, (_, i) => login(base, named(ctx, `Fill ${i + 1}`), "waiter")));
  for (const cookie of logins) {
    const four = await Promise.all(Array.from({ length: 4 }, () => trySocket(base, cookie)));
    for (const s of four) (s.ok ? held.push(s.client) : refused++);
  }
  const kitchen = await trySocket(base, await login(base, named(ctx, "Küche"), "station"), "kitchen");
  // The admin page's socket, with the phone's view it asks for (frontend/src/admin/AdminApp.svelte).
  const admin = await trySocket(base, await login(base, named(ctx, "Chefin"), "admin"), undefined, "phone");
  const orders = await honestOrders(base, honest, 10_000);
  // The server closes the oldest sockets of a name over its share: what the attacker still holds.
  const stillOpen = held.filter((c) => c.closedUnexpectedly === 0).length;
  const result = { attackerSockets: held.length, attackerStillOpen: stillOpen, attackerRefused: refused, kitchenConnected: kitchen.ok, kitchenError: kitchen.error, adminConnected: admin.ok, adminError: admin.error, orders, peakMb: memory.peak("sockets") };
  for (const c of [...held, kitchen.client, admin.client]) c.close();
  return result;
}

async function readLoops(base: string, cookies: string[], ms: number): Promise<number[]> {
  const statuses: number[] = [];
  const end = performance.now() + ms;
  await Promise.all(cookies.map(async (cookie) => {
    while (performance.now() < end) statuses.push((await http(base, "GET", "/api/v1/tables", { cookie, retryLimited: false }).catch(() => ({ status: 0 }))).status);
  }));
  return statuses;
}

export async function manySessions(ctx: Ctx) {
  const { server, honest, memory } = ctx;
  const base = server.base;
  memory.phase = "sessions-one-name";
  const first = await loginOn(base, named(ctx, "Gierig"), "waiter");
  const oneName = [first.session!, ...(await Promise.all(Array.from({ length: 39 }, async () => (await loginOn(base, named(ctx, "Gierig"), "waiter", first.device)).session!)))];
  const loopsOne = readLoops(base, oneName, 20_000);
  const ordersOne = await honestOrders(base, honest, loopsOne);
  const one = { sessions: oneName.length, reads: count(await loopsOne), orders: ordersOne, peakMb: memory.peak("sessions-one-name") };
  memory.phase = "sessions-forty-names";
  const forty = await Promise.all(Array.from({ length: 40 }, (_, i) => login(base, named(ctx, `Gierig ${i + 1}`), "waiter")));
  const loopsForty = readLoops(base, forty, 20_000);
  const ordersForty = await honestOrders(base, honest, loopsForty);
  return { oneName: one, fortyNames: { sessions: forty.length, reads: count(await loopsForty), orders: ordersForty, peakMb: memory.peak("sessions-forty-names") } };
}

export async function bigOrders(ctx: Ctx) {
  const { server, honest, memory } = ctx;
  const base = server.base;
  memory.phase = "big-orders";
  // One person with four phones (four addresses: the budgets per device apply, as on the WiFi), a name on each.
  const phones = await Promise.all(attackerPhones(4).map(async (address, i) => ({ address, cookie: (await loginFrom(base, address, named(ctx, `Riesig ${i + 1}`))).cookie })));
  const menu = await getMenu(base, phones[0]!.cookie);
  const products = menu.products.filter((p) => !p.soldOut).map((p) => p.id);
  const note = "x".repeat(200);
  const statuses: number[] = [];
  const end = performance.now() + 10_000;
  const attack = Promise.all(phones.map(async ({ address, cookie }) => {
    while (performance.now() < end) {
      const items = Array.from({ length: 50 }, (_, i) => ({ product: products[i % products.length]!, qty: i === 0 ? 950 : 1, ...(i < 5 ? { note } : {}) }));
      const res = await send(base, address, "POST", "/api/v1/orders", cookie, { id: crypto.randomUUID(), table: "B2", menuVersion: menu.version, items }).catch(() => ({ status: 0 }));
      statuses.push(res.status);
    }
  }));
  const orders = await honestOrders(base, honest, attack);
  memory.phase = "big-orders-phones";
  const snapshots: { bytes: number; ms: number; ok: boolean }[] = [];
  const clients: StreamClient[] = [];
  for (let i = 0; i < 10; i++) {
    const s = await trySocket(base, await login(base, named(ctx, `Telefon ${i + 1}`), "waiter"));
    snapshots.push({ bytes: s.client.firstFrameBytes, ms: Math.round(s.client.firstFrameMs), ok: s.ok });
    clients.push(s.client);
  }
  for (const c of clients) c.close();
  return { attackOrders: count(statuses), orders, phoneSnapshots: snapshots, peakMb: Math.max(memory.peak("big-orders"), memory.peak("big-orders-phones")) };
}

export async function adminPinLockout(ctx: Ctx, minutes: number) {
  const { server, memory } = ctx;
  const base = server.base;
  memory.phase = "admin-pin";
  const organiser = await loginOn(base, named(ctx, "Organisatorin"), "admin");
  const devices = await Promise.all(Array.from({ length: 4 }, async (_, i) => (await loginOn(base, named(ctx, `Mallory ${i + 1}`), "waiter")).device!));
  const wrong: number[] = [];
  const organiserLogins: number[] = [];
  const organiserRefusals: string[] = [];
  const end = performance.now() + minutes * 60_000;
  let next = 0;
  let guess = 100_000;
  while (performance.now() < end) {
    // 10 wrong admin PINs a minute, the four devices in turn.
    wrong.push((await loginOn(base, "Chef", "admin", devices[next++ % 4], String(guess++))).status);
    const attempt = await loginOn(base, named(ctx, "Organisatorin"), "admin", organiser.device);
    organiserLogins.push(attempt.status);
    if (attempt.error) organiserRefusals.push(`#${organiserLogins.length} ${attempt.status} ${attempt.error}`);
    await sleep(6_000);
  }
  return { minutes, wrongAdminPins: count(wrong), organiserLogins: count(organiserLogins), organiserAlwaysIn: organiserLogins.every((s) => s === 200), organiserRefusals, peakMb: memory.peak("admin-pin") };
}

/** A menu of about 61 KB: the config's categories and 400 products with long names. */
async function bigMenu(base: string, admin: string) {
  const edit = (await http(base, "GET", "/api/v1/menu/edit", { cookie: admin })).body;
  const category = edit.categories[0].id;
  const products = Array.from({ length: 400 }, (_, i) => ({ id: `p${i}`, name: `Spezialität Nummer ${i} mit langem Namen`.padEnd(60, "."), price: 3.5, category, options: [], deposit: 0 }));
  // The menu's own products, without the 400 an earlier round (--rounds) added: the same 61 KB every round.
  return { edit, products: [...edit.products.filter((p: { id: string }) => !/^p\d+$/.test(p.id)), ...products] };
}

export async function menuSaves(ctx: Ctx) {
  const { server, honest, memory } = ctx;
  const base = server.base;
  memory.phase = "menu-saves";
  const admin = await login(base, named(ctx, "Menüwart"), "admin");
  const { edit, products } = await bigMenu(base, admin);
  const statuses: number[] = [];
  let version = edit.version;
  let bytes = 0;
  const end = performance.now() + 40_000;
  const attack = (async () => {
    for (let i = 0; performance.now() < end; i++) {
      // A generated product's price: the honest waiter's beer stays as it was.
      products[products.length - 1] = { ...products[products.length - 1]!, price: (300 + (i % 50) * 10) / 100 };
      const body = { baseVersion: version, categories: edit.categories, products };
      bytes = JSON.stringify(body).length;
      const res = await http(base, "PUT", "/api/v1/menu", { cookie: admin, body, retryLimited: false }).catch(() => ({ status: 0, body: undefined }));
      statuses.push(res.status);
      if (res.status === 200) version = (res.body as { version: number }).version;
    }
  })();
  const orders = await honestOrders(base, honest, attack);
  return { bodyBytes: bytes, saves: count(statuses), orders, peakMb: memory.peak("menu-saves") };
}
