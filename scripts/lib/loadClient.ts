// Shared client code of the load harnesses (bench, crash, soak): start the server exactly as
// `npm start` does in a child process, log in, place orders with retry by id, collect socket
// frames, and measure the RSS of the server's process tree from /proc. Loopback only: every
// request and socket goes to 127.0.0.1, and anything else throws.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import type { Menu, Order, ServerFrame } from "../../worker/protocol.ts";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
/** The PINs of config.json, the config startServerProcess starts (as `npm start` does without --config). */
const access = (JSON.parse(readFileSync(join(ROOT, "config.json"), "utf8")) as { access: { waiterPin: string; stationPin: string; adminPin: string } }).access;
export const PINS = { waiter: access.waiterPin, station: access.stationPin, admin: access.adminPin } as const;

// --- small helpers --------------------------------------------------------------------------------

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summary(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
}

/** A deterministic PRNG (mulberry32), so a failing run can be repeated with its seed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (host !== "127.0.0.1") throw new Error(`refusing to contact ${host}: the harness talks to 127.0.0.1 only`);
}

// --- processes ------------------------------------------------------------------------------------

/** Every descendant pid of `pid` (children of all its threads, recursively). */
export function descendants(pid: number): number[] {
  const out: number[] = [];
  const walk = (p: number) => {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    for (const task of tasks) {
      let children = "";
      try {
        children = readFileSync(`/proc/${p}/task/${task}/children`, "utf8");
      } catch {
        continue;
      }
      for (const c of children.split(/\s+/).filter(Boolean).map(Number)) {
        if (!out.includes(c)) {
          out.push(c);
          walk(c);
        }
      }
    }
  };
  walk(pid);
  return out;
}

export interface ProcessRss {
  pid: number;
  name: string;
  rssKb: number;
}

/** VmRSS of the process and all its descendants. */
export function rssTree(pid: number): { totalMb: number; processes: ProcessRss[] } {
  const processes: ProcessRss[] = [];
  for (const p of [pid, ...descendants(pid)]) {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      const rss = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
      const name = /^Name:\s+(.*)$/m.exec(status)?.[1] ?? "?";
      processes.push({ pid: p, name, rssKb: rss });
    } catch {
      // exited meanwhile
    }
  }
  return { totalMb: processes.reduce((s, p) => s + p.rssKb, 0) / 1024, processes };
}

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  base: string;
  /** ms from spawn until /api/v1/health answered 200. */
  readyMs: number;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Starts `node scripts/start.ts --port <port> --host 127.0.0.1 --data <data>` (what `npm start` runs)
 * in its own process group and waits until /api/v1/health answers.
 */
export async function startServerProcess(data: string, opts: { port?: number; timeoutMs?: number } = {}): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  let log = "";
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, "scripts/start.ts"), "--port", String(port), "--host", "127.0.0.1", "--data", data], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true" },
  });
  child.stdout!.on("data", (d) => (log = (log + d).slice(-20_000)));
  child.stderr!.on("data", (d) => (log = (log + d).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = started + (opts.timeoutMs ?? 60_000);
  while (performance.now() < deadline) {
    if (gone) throw new Error(`the server exited before it was ready:\n${log}`);
    try {
      const res = await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) {
        await res.arrayBuffer();
        // A harness that dies of an uncaught error takes its server with it instead of leaving it running.
        const killOnExit = () => killTree(child.pid!);
        process.once("exit", killOnExit);
        void exited.then(() => process.removeListener("exit", killOnExit));
        return { child, pid: child.pid!, port, base, readyMs: performance.now() - started, output: () => log, exited };
      }
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  killTree(child.pid!);
  throw new Error(`the server was not ready within ${opts.timeoutMs ?? 60_000} ms:\n${log}`);
}

/** SIGKILL to the whole tree at once: the process group first, then any descendant that left it. */
export function killTree(pid: number): number[] {
  const pids = [pid, ...descendants(pid)];
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // group gone
  }
  for (const p of pids) {
    try {
      process.kill(p, "SIGKILL");
    } catch {
      // already dead
    }
  }
  return pids;
}

/** Stops the server the way an operator does (SIGTERM), falling back to SIGKILL. */
export async function stopServer(server: ServerProcess, timeoutMs = 10_000): Promise<void> {
  try {
    process.kill(server.pid, "SIGTERM");
  } catch {
    return;
  }
  const done = await Promise.race([server.exited.then(() => true), sleep(timeoutMs).then(() => false)]);
  const left = descendants(server.pid);
  if (!done || left.length) killTree(server.pid);
  else
    try {
      process.kill(-server.pid, "SIGKILL"); // stragglers in the group
    } catch {
      // none
    }
}

// --- HTTP -------------------------------------------------------------------------------------------

export interface HttpResult<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** `retryLimited: false`: a 429 is returned as it is (to count them), not waited out and sent again. */
export async function http<T = any>(base: string, method: string, path: string, opts: { cookie?: string; body?: unknown; timeoutMs?: number; retryLimited?: boolean } = {}): Promise<HttpResult<T>> {
  const url = base + path;
  assertLoopback(url);
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  // What a page of the server sends: its Origin and JSON on anything that changes data (the API refuses others).
  if (method !== "GET") {
    headers.origin = new URL(base).origin;
    headers["content-type"] = "application/json";
  }
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    // A session over its request limit waits as it is told and sends again, as the phones do.
    const limited = res.status === 429 && (body as { error?: { code?: string } })?.error?.code === "RATE_LIMITED";
    if (!limited || attempt >= 20 || opts.retryLimited === false) return { status: res.status, body: body as T, text, headers: res.headers };
    rateLimitedRetries++;
    await sleep(Number(res.headers.get("retry-after") ?? 1) * 1000);
  }
}

/** How often a harness client was told to slow down (429 RATE_LIMITED) and sent again. */
export let rateLimitedRetries = 0;

export async function login(base: string, name: string, role: keyof typeof PINS): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await http(base, "POST", "/api/v1/login", { body: { name, pin: PINS[role] } });
      if (res.status !== 200) throw new Error(`login ${name}: ${res.status} ${res.text}`);
      const cookie = res.headers.getSetCookie()[0]?.split(";")[0];
      if (!cookie) throw new Error("login set no cookie");
      return cookie;
    } catch (error) {
      if (attempt >= 20) throw error;
      await sleep(100);
    }
  }
}

export async function getMenu(base: string, cookie: string): Promise<Menu> {
  const res = await http<Menu>(base, "GET", "/api/v1/menu", { cookie });
  if (res.status !== 200) throw new Error(`menu: ${res.status} ${res.text}`);
  return res.body;
}

export interface OrderBody {
  id: string;
  table: string;
  menuVersion: number;
  items: { product: string; qty: number; note?: string; options?: string[] }[];
}

export interface PlaceResult {
  status: number;
  order?: Order;
  attempts: number;
  /** performance.now() when the last (successful) attempt was sent. */
  sentAt: number;
  error?: string;
}

/**
 * Places an order, retrying with the same id and the same body on network errors and 5xx until
 * the server answers 200/201 (or another 4xx, which is final) or the deadline passes.
 */
export async function placeOrder(
  base: string,
  cookie: string,
  body: OrderBody,
  opts: { deadlineMs?: number; onSend?: (attempt: number, at: number) => void; retryDelayMs?: number } = {},
): Promise<PlaceResult> {
  const deadline = performance.now() + (opts.deadlineMs ?? 30_000);
  let attempts = 0;
  let lastError = "";
  for (;;) {
    attempts++;
    const sentAt = performance.now();
    opts.onSend?.(attempts, sentAt);
    try {
      const res = await http<{ order: Order; replay: boolean }>(base, "POST", "/api/v1/orders", { cookie, body, timeoutMs: 10_000 });
      if (res.status === 200 || res.status === 201) return { status: res.status, order: res.body.order, attempts, sentAt };
      if (res.status < 500) return { status: res.status, attempts, sentAt, error: res.text };
      lastError = `${res.status} ${res.text.slice(0, 200)}`;
    } catch (error) {
      lastError = String((error as Error).message ?? error);
    }
    if (performance.now() > deadline) return { status: 0, attempts, sentAt, error: lastError };
    await sleep(opts.retryDelayMs ?? 50);
  }
}

// --- orders -----------------------------------------------------------------------------------------

export interface MenuIndex {
  menu: Menu;
  byStation: Map<string, Menu["products"]>;
  price: Map<string, number>;
  stationOf: Map<string, string>;
}

export function indexMenu(menu: Menu): MenuIndex {
  const stationOfCategory = new Map(menu.categories.map((c) => [c.id, c.station]));
  const byStation = new Map<string, Menu["products"]>();
  const stationOf = new Map<string, string>();
  for (const p of menu.products) {
    const station = stationOfCategory.get(p.category)!;
    stationOf.set(p.id, station);
    byStation.set(station, [...(byStation.get(station) ?? []), p]);
  }
  return { menu, byStation, price: new Map(menu.products.map((p) => [p.id, p.priceCents])), stationOf };
}

export const TABLES = "ABCDEF".split("").flatMap((r) => Array.from({ length: 9 }, (_, i) => `${r}${i + 1}`));

/** A random order for the given stations (1–3 lines each), with an option or a note now and then. */
export function randomOrder(index: MenuIndex, random: () => number, stations: string[]): OrderBody {
  const items: OrderBody["items"] = [];
  const used = new Set<string>();
  for (const station of stations) {
    const products = index.byStation.get(station)!;
    const lines = 1 + Math.floor(random() * 3);
    for (let i = 0; i < lines; i++) {
      const p = products[Math.floor(random() * products.length)]!;
      if (used.has(p.id)) continue;
      used.add(p.id);
      const item: OrderBody["items"][number] = { product: p.id, qty: 1 + Math.floor(random() * 4) };
      if (p.options.length && random() < 0.3) item.options = [p.options[Math.floor(random() * p.options.length)]!];
      if (random() < 0.1) item.note = "bitte schnell";
      items.push(item);
    }
  }
  return { id: crypto.randomUUID(), table: TABLES[Math.floor(random() * TABLES.length)]!, menuVersion: index.menu.version, items };
}

/** What the client expects the order to cost, from the menu prices it was shown. */
export function expectedCents(index: MenuIndex, body: OrderBody): number {
  return body.items.reduce((sum, i) => sum + index.price.get(i.product)! * i.qty, 0);
}

// --- the stream -------------------------------------------------------------------------------------

export type Frame = ServerFrame & Record<string, any>;

/**
 * One /api/v1/stream socket. Keeps the last seq seen, counts gaps, and can reconnect with
 * `since` (the way the app does). `onFrame` gets every JSON frame with its arrival time and size.
 */
export class StreamClient {
  ws: WebSocket | undefined;
  lastSeq = -1;
  gaps = 0;
  frames = 0;
  snapshots = 0;
  firstFrameBytes = 0;
  firstFrameMs = 0;
  closedUnexpectedly = 0;
  /** `?view=` of the socket: "phone" as the phones and the admin pages ask, "tickets" as the pickup page does. */
  view: "phone" | "tickets" | undefined;
  private closing = false;

  readonly base: string;
  readonly cookie: string;
  readonly station: string | undefined;
  readonly onFrame: (frame: Frame, at: number, bytes: number, client: StreamClient) => void;

  constructor(base: string, cookie: string, station: string | undefined, onFrame: StreamClient["onFrame"] = () => {}) {
    this.base = base;
    this.cookie = cookie;
    this.station = station;
    this.onFrame = onFrame;
  }

  /** Opens the socket; resolves when it is open (and, without `since`, when the snapshot arrived). */
  connect(since?: number, timeoutMs = 30_000): Promise<void> {
    const params = new URLSearchParams();
    if (this.station) params.set("station", this.station);
    if (this.view) params.set("view", this.view);
    if (since !== undefined) params.set("since", String(since));
    const url = `${this.base.replace(/^http/, "ws")}/api/v1/stream${params.size ? `?${params}` : ""}`;
    assertLoopback(url.replace(/^ws/, "http"));
    this.closing = false;
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers: { cookie: this.cookie }, origin: new URL(url.replace(/^ws/, "http")).origin, perMessageDeflate: false, handshakeTimeout: timeoutMs });
      this.ws = ws;
      let first = true;
      const timer = setTimeout(() => {
        reject(new Error("stream: no snapshot in time"));
        ws.terminate();
      }, timeoutMs);
      ws.on("open", () => {
        if (since !== undefined) {
          clearTimeout(timer);
          resolve();
        }
      });
      ws.on("message", (data: Buffer | string) => {
        if (this.ws !== ws) return; // a frame still in flight on the socket this client replaced
        const at = performance.now();
        const text = typeof data === "string" ? data : data.toString("utf8");
        const bytes = typeof data === "string" ? Buffer.byteLength(data) : data.length;
        let frame: Frame;
        try {
          frame = JSON.parse(text) as Frame;
        } catch {
          return; // "pong"
        }
        if (frame.type === "ping") {
          // the server's liveness check: unanswered twice, it closes the socket (4003)
          ws.send(JSON.stringify({ type: "pong", nonce: (frame as { nonce?: string }).nonce }));
          return;
        }
        this.frames++;
        if (first) {
          first = false;
          this.firstFrameBytes = bytes;
          this.firstFrameMs = at - started;
        }
        if (frame.type === "snapshot") {
          this.snapshots++;
          this.lastSeq = frame.seq;
          clearTimeout(timer);
          resolve();
        } else if (typeof frame.seq === "number") {
          // A station socket skips other stations' frames: a frame names the seq it follows (`prev`).
          const follows = typeof frame.prev === "number" ? frame.prev : frame.seq - 1;
          if (this.lastSeq >= 0 && follows !== this.lastSeq) this.gaps++;
          this.lastSeq = frame.seq;
        }
        this.onFrame(frame, at, bytes, this);
      });
      ws.on("error", (error: Error) => {
        clearTimeout(timer);
        reject(error);
      });
      ws.on("close", () => {
        if (this.ws === ws && !this.closing) this.closedUnexpectedly++;
      });
    });
  }

  close(): void {
    this.closing = true;
    try {
      this.ws?.close(1000, "bye");
    } catch {
      // already closed
    }
  }

  /** Closes and reconnects, resuming after the last seq seen. */
  async reconnect(): Promise<void> {
    this.close();
    await this.connect(this.lastSeq >= 0 ? this.lastSeq : undefined);
  }
}

/** Reads every change frame from seq 1 with since-resumes (the server replays at most 1000 per socket). */
export async function readAllChanges(base: string, cookie: string, upTo: number, timeoutMs = 60_000): Promise<Frame[]> {
  const frames: Frame[] = [];
  let since = 0;
  const deadline = performance.now() + timeoutMs;
  while (since < upTo && performance.now() < deadline) {
    const batch: Frame[] = [];
    const client = new StreamClient(base, cookie, undefined, (f) => {
      if (f.type !== "snapshot") batch.push(f);
    });
    await client.connect(since);
    const want = Math.min(1000, upTo - since);
    const until = performance.now() + 10_000;
    while (batch.length < want && performance.now() < until) await sleep(20);
    client.close();
    if (batch.some((f) => f.type === "snapshot") || batch.length === 0) break;
    frames.push(...batch.slice(0, want));
    since = frames[frames.length - 1]!.seq;
  }
  return frames;
}

// --- machine ----------------------------------------------------------------------------------------

export function machineInfo() {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const cpu = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? "unknown";
  const cores = (cpuinfo.match(/^processor\s*:/gm) ?? []).length;
  const memKb = Number(/^MemTotal:\s+(\d+)/m.exec(readFileSync("/proc/meminfo", "utf8"))?.[1] ?? 0);
  const version = (pkg: string) => {
    try {
      return (JSON.parse(readFileSync(join(ROOT, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
    } catch {
      return "?";
    }
  };
  return {
    cpu,
    cores,
    memGb: memKb / 1024 / 1024,
    node: process.version,
    workerd: version("workerd"),
    miniflare: version("miniflare"),
    wrangler: version("wrangler"),
    load: readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" "),
  };
}
