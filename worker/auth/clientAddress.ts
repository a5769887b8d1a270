// The address of the device a request comes from, as the runtime saw the connection. On the box,
// workerd serves the port itself (scripts/lib/workerdConfig.ts) and gives the peer's address as
// request.cf.clientIp ("192.168.1.23:51234", "[::1]:40364"); a CF-Connecting-IP the client sent
// reaches the worker unchanged there and is ignored. On Cloudflare (`npm run deploy`) there is no
// clientIp and Cloudflare sets CF-Connecting-IP itself. X-Forwarded-For and X-Real-IP are never
// read: anyone can send them. On the festival's WiFi every phone has an address of its own.

/** The client's address in one form (no port, IPv4 without its ::ffff: prefix), or undefined. */
export function clientAddress(request: Request): string | undefined {
  const cf = (request as Request & { cf?: { clientIp?: unknown } }).cf;
  const raw = typeof cf?.clientIp === "string" ? withoutPort(cf.clientIp) : request.headers.get("cf-connecting-ip")?.trim();
  if (!raw) return undefined;
  const address = raw.toLowerCase();
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address.slice(0, 64);
}

function withoutPort(value: string): string {
  if (value.startsWith("[")) return value.slice(1, value.indexOf("]") > 0 ? value.indexOf("]") : undefined);
  const colon = value.lastIndexOf(":");
  return colon > 0 && value.indexOf(":") === colon ? value.slice(0, colon) : value;
}

/**
 * The box's own address: only programs on the box itself come from it (the load harnesses, a
 * screen plugged into the Pi), never a phone on the WiFi. They all share it, so it is no device.
 */
export function isBoxAddress(address: string): boolean {
  return address === "127.0.0.1" || address === "::1";
}
