// What the operator sees after start: where phones and screens go, as text and QR codes, and the PINs.
import { networkInterfaces } from "node:os";
import { renderUnicodeCompact } from "uqr";
import type { AccessPins } from "../../worker/config/schema.ts";

/** The IPv4 addresses of this machine that other devices can reach. */
export function lanAddresses(host: string): string[] {
  if (host !== "0.0.0.0" && host !== "::") return [host];
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) out.push(a.address);
  }
  return out.length ? out : ["127.0.0.1"];
}

export function printBanner(eventName: string, scheme: string, host: string, port: number, pins: AccessPins, generated: boolean): void {
  const addresses = lanAddresses(host);
  const defaultPort = scheme === "https" ? 443 : 80;
  const base = (a: string) => `${scheme}://${a}${port === defaultPort ? "" : `:${port}`}`;
  const main = base(addresses[0]!);
  console.log(`\nMini POS is running: ${eventName}\n`);
  console.log(`  Waiters (phones):    ${main}/service`);
  console.log(`  Bar and kitchen:     ${main}/bar`);
  console.log(`  Pickup (runners):    ${main}/bar/pickup`);
  console.log(`  Admin:               ${main}/admin`);
  for (const other of addresses.slice(1)) console.log(`  also reachable at:   ${base(other)}`);
  console.log(`\n  PINs${generated ? " (generated on first start, kept in the data folder)" : ""}: waiter ${pins.waiterPin}  ·  station ${pins.stationPin}  ·  admin ${pins.adminPin}\n`);
  if (process.stdout.isTTY || process.env.MINI_POS_QR === "1") {
    const waiterQr = renderUnicodeCompact(`${main}/service`).split("\n");
    const barQr = renderUnicodeCompact(`${main}/bar`).split("\n");
    const width = Math.max(...waiterQr.map((l) => l.length));
    console.log(`  Waiters${" ".repeat(width - 5)}Stations`);
    for (let i = 0; i < Math.max(waiterQr.length, barQr.length); i++) console.log(`  ${(waiterQr[i] ?? "").padEnd(width)}  ${barQr[i] ?? ""}`);
  }
  console.log("\nPress Ctrl-C to stop.");
}
