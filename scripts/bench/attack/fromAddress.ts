// Requests from a loopback address of the harness's choosing (127.0.0.x), so that the server sees
// a phone of its own: on the festival's WiFi every phone has its own address, and the budgets per
// device (worker/auth/personRate.ts) apply to it. The box's own address 127.0.0.1 is no device:
// only programs on the box come from there.
import { Agent, request } from "node:http";
import { PINS } from "../../lib/loadClient.ts";

/** The box's own address, where no device or order budget applies. */
export const BOX = "127.0.0.1";
/** An attacker's phone; attackerPhones(n) gives n phones of one person. */
export const ATTACKER = "127.0.0.66";
export const attackerPhones = (n: number): string[] => Array.from({ length: n }, (_, i) => `127.0.0.${66 + i}`);

const agents = new Map<string, Agent>();
const agentFor = (address: string) => agents.get(address) ?? agents.set(address, new Agent({ keepAlive: true, maxSockets: 64 })).get(address)!;

/** Closes the kept connections (at the end of a run, so that node can exit). */
export function closeAgents(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

export interface Answer {
  status: number;
  text: string;
  setCookie: string[];
}

/** One request from `address` (127.0.0.x only: the harness talks to this machine alone). */
export function send(base: string, address: string, method: string, path: string, cookie?: string, body?: unknown): Promise<Answer> {
  if (!address.startsWith("127.")) throw new Error("loopback addresses only");
  const url = new URL(path, base);
  if (url.hostname !== "127.0.0.1") throw new Error("the harness talks to 127.0.0.1 only");
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { ...(cookie ? { cookie } : {}), ...(method === "GET" ? {} : { origin: url.origin, "content-type": "application/json" }) };
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, localAddress: address, agent: agentFor(address), timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), setCookie: res.headers["set-cookie"] ?? [] }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(payload);
  });
}

/** A waiter's login from `address`: its session cookie and its device cookie (kept for the next login). */
export async function loginFrom(base: string, address: string, name: string, device?: string): Promise<{ cookie: string; device: string }> {
  const res = await send(base, address, "POST", "/api/v1/login", device, { name, pin: PINS.waiter });
  if (res.status !== 200) throw new Error(`login ${name}: ${res.status} ${res.text}`);
  const cookieOf = (prefix: string) => res.setCookie.find((c) => c.startsWith(prefix))?.split(";")[0];
  return { cookie: cookieOf("mini_pos_session=")!, device: cookieOf("mini_pos_device=") ?? device! };
}
