// Shared steps of the admin and station-void browser tests: an event config with a deposit and
// every payment method, payments through the API, and the figures a test expects, computed from
// what it sent (prices and deposits read from the order snapshots, never hard-coded).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import type { ItemRef, Order, Payment, VoidRecord, WaiterShift } from "../../worker/protocol.ts";
import { logIn } from "./harness.ts";
import type { Client } from "./api-client.ts";
import { PINS } from "../pins.ts";

const root = join(import.meta.dirname, "../..");
export const ADMIN = { name: "Chef", pin: PINS.admin };

/** config.json with a 2.00 deposit on Pils and every payment method and tips on. Returns its path. */
export function cashUpConfig(): string {
  const config = JSON.parse(readFileSync(join(root, "config.json"), "utf8"));
  for (const p of config.products) if (p.id === "pils") p.deposit = 2;
  config.payment = { methods: ["cash", "card", "voucher", "free"], tips: true };
  const dir = mkdtempSync(join(tmpdir(), "mini-pos-admin-"));
  writeFileSync(join(dir, "config.json"), JSON.stringify(config));
  return join(dir, "config.json");
}

/** Every line of an order, whole. */
export const allOf = (order: Order): ItemRef[] => order.tickets.flatMap((t) => t.items).map((i) => ({ order: order.id, line: i.line, qty: i.qty }));
export const itemAt = (order: Order, line: number) => order.tickets.flatMap((t) => t.items).find((i) => i.line === line)!;

export interface Sent {
  method: "cash" | "card" | "voucher" | "free";
  items: ItemRef[];
  tipCents?: number;
  tenderedCents?: number;
  depositReturns?: { product: string; qty: number }[];
  reason?: string;
}

/** Pays as `waiter` and expects it recorded (201). */
export async function pay(waiter: Client, table: string, body: Sent): Promise<Payment> {
  const res = await waiter.post<{ payment: Payment }>("/payments", { id: crypto.randomUUID(), table, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.payment;
}

/** Voids `qty` of a line; a waiter types the admin PIN, an admin session needs none. */
export async function voidItem(client: Client, order: Order, line: number, qty: number, withPin: boolean): Promise<VoidRecord> {
  const res = await client.post<{ void: VoidRecord }>("/voids", { id: crypto.randomUUID(), order: order.id, line, qty, reason: "mistake", ...(withPin ? { adminPin: ADMIN.pin } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.void;
}

type Figures = Omit<WaiterShift, "name" | "openTables" | "places" | "settledAt">;
export const noFigures = (): Figures => ({
  payments: 0,
  cashCents: 0,
  cardCents: 0,
  voucherCents: 0,
  freeCents: 0,
  tipsCents: 0,
  cardTipsCents: 0,
  depositOutCents: 0,
  depositBackCents: 0,
  voidedCents: 0,
  voucherSales: 0,
  voucherSoldCashCents: 0,
  voucherSoldCardCents: 0,
  expectedCashCents: 0,
});

/**
 * Adds what a payment moved to a waiter's expected figures. Net takings per method are goods +
 * deposits charged − deposits paid back; tips are counted apart and belong to the waiter, who
 * keeps cash tips and takes card tips from the cash: cash to hand in = net cash − card tips.
 */
export function addPayment(f: Figures, orders: Order[], sent: Sent, depositOf: (product: string) => number): void {
  let net = 0;
  for (const ref of sent.items) {
    const item = itemAt(orders.find((o) => o.id === ref.order)!, ref.line);
    net += ref.qty * (item.unitCents + item.depositCents);
    f.depositOutCents += ref.qty * item.depositCents;
  }
  for (const r of sent.depositReturns ?? []) {
    net -= r.qty * depositOf(r.product);
    f.depositBackCents += r.qty * depositOf(r.product);
  }
  f.payments++;
  f[`${sent.method}Cents`] += net;
  f.tipsCents += sent.tipCents ?? 0;
  if (sent.method === "card") f.cardTipsCents += sent.tipCents ?? 0;
  if (sent.method === "card") f.expectedCashCents -= sent.tipCents ?? 0;
  if (sent.method === "cash") f.expectedCashCents += net;
}

/** The event's money format, as the page formats it (de-DE, EUR). */
export const euro = (cents: number) => new Intl.NumberFormat("de", { style: "currency", currency: "EUR" }).format(cents / 100);
/** Text as a reader compares it: any run of spaces (including no-break spaces) as one space. */
export const plain = (text: string | null) => (text ?? "").replace(/\s+/g, " ").trim();

/** The admin pages' own navigation ("Verwaltung"; "Admin" in English), not a page's list navigation. */
export const adminNav = (page: Page) => page.getByRole("navigation", { name: /^(Verwaltung|Admin)$/ });

/** Opens an admin page (`#/settlement`, …), logging in when the context has no admin session yet. */
export async function openAdmin(context: BrowserContext, hash: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`/admin${hash}`);
  // The access page has a second navigation (its pages of sessions), which may come first.
  const nav = adminNav(page);
  await page.getByLabel(/^Name/).or(nav).first().waitFor();
  if (await page.getByLabel(/^Name/).count()) await logIn(page, ADMIN.name, ADMIN.pin);
  await nav.waitFor();
  return page;
}
