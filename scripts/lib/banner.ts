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

/** Where everyone goes, on this machine's first address; `others`: the server at its other addresses. */
export interface AccessUrls {
  waiters: string;
  stations: string;
  pickup: string;
  /** The guests' pickup display (counter service): no login, for a TV. */
  display: string;
  admin: string;
  others: string[];
}

export function accessUrls(scheme: string, host: string, port: number): AccessUrls {
  const addresses = lanAddresses(host);
  const defaultPort = scheme === "https" ? 443 : 80;
  const base = (a: string) => `${scheme}://${a}${port === defaultPort ? "" : `:${port}`}`;
  const main = base(addresses[0]!);
  return { waiters: `${main}/service`, stations: `${main}/bar`, pickup: `${main}/bar/pickup`, display: `${main}/display`, admin: `${main}/admin`, others: addresses.slice(1).map(base) };
}

/** `accessPage`: the printable page with the QR codes (scripts/lib/accessPage.ts), for when no one watches this output. */
export function printBanner(eventName: string, urls: AccessUrls, pins: AccessPins, generated: boolean, accessPage: string): void {
  console.log(`\nMini POS is running: ${eventName}\n`);
  console.log(`  Waiters (phones):    ${urls.waiters}`);
  console.log(`  Bar and kitchen:     ${urls.stations}`);
  console.log(`  Pickup (runners):    ${urls.pickup}`);
  console.log(`  Guests' display:     ${urls.display}`);
  console.log(`  Admin:               ${urls.admin}`);
  for (const other of urls.others) console.log(`  also reachable at:   ${other}`);
  console.log(`\n  PINs${generated ? " (generated on first start, kept in the data folder)" : ""}: waiter ${pins.waiterPin}  ·  station ${pins.stationPin}  ·  admin ${pins.adminPin}\n`);
  if (process.stdout.isTTY || process.env.MINI_POS_QR === "1") {
    const waiterQr = renderUnicodeCompact(urls.waiters).split("\n");
    const barQr = renderUnicodeCompact(urls.stations).split("\n");
    const width = Math.max(...waiterQr.map((l) => l.length));
    console.log(`  Waiters${" ".repeat(width - 5)}Stations`);
    for (let i = 0; i < Math.max(waiterQr.length, barQr.length); i++) console.log(`  ${(waiterQr[i] ?? "").padEnd(width)}  ${barQr[i] ?? ""}`);
  }
  console.log(`  QR codes to print (no PINs): ${accessPage}`);
}

