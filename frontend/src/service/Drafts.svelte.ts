// The order each table is being composed: lines, the order id (made when composing starts) and the
// menu version the waiter saw. Kept in localStorage, so a reload does not lose a half-typed order.
// Drafts belong to the waiter who typed them (keyed by name): after "switch waiter" the next one
// starts empty and the previous one finds theirs again at the next login.
import type { Menu, MenuChange, Product } from "../../../worker/protocol.ts";
import { clampQty, MAX_NOTE, newOrderId } from "./util.ts";

export interface DraftLine {
  key: string;
  product: string;
  qty: number;
  note: string;
  options: string[];
}

export interface Draft {
  id: string;
  table: string;
  menuVersion: number;
  lines: DraftLine[];
  /** What the server said changed when this order was refused; shown until it is sent. */
  changes?: MenuChange[];
  problem?: string;
}

const STORAGE_KEY = "mini-pos.service.drafts-by-waiter";
/** Before drafts were kept per waiter: one set of tables for the phone (given to the next login). */
const OLD_STORAGE_KEY = "mini-pos.service.drafts";
let lineCounter = 0;
const lineKey = () => `${Date.now().toString(36)}-${lineCounter++}`;

type ByTable = Record<string, Draft>;

/** A cash desk's guest being served is a draft too, under this key (never a table's name: no "@" there). */
export const deskDraftKey = (counter: string) => `@desk:${counter}`;

export class Drafts {
  /** Waiter name → table → draft. */
  #byWaiter = $state<Record<string, ByTable>>(load());
  /** The logged-in waiter's name ("" when nobody is logged in). */
  #owner: () => string;

  constructor(owner: () => string) {
    this.#owner = owner;
  }

  /** The logged-in waiter's drafts, for reading (never creates anything: safe inside $derived). */
  get #byTable(): ByTable {
    return this.#byWaiter[this.#owner()] ?? {};
  }

  /** The logged-in waiter's drafts, for writing. */
  #mine(): ByTable {
    return (this.#byWaiter[this.#owner()] ??= {});
  }

  /** Drafts stored before they were kept per waiter go to the first waiter who logs in. */
  claimOldDrafts(): void {
    const old = takeOldDrafts();
    if (!old || !this.#owner()) return;
    const mine = this.#mine();
    for (const [table, draft] of Object.entries(old)) mine[table] ??= draft;
    this.save();
  }

  /**
   * The menu changed under the drafts (a new config, a restart): every draft takes the new
   * version and keeps its lines, and each line whose product changed price or left the menu is
   * marked in `changes`, so the waiter sees it before ordering instead of a refusal after.
   */
  followMenu(before: Menu, after: Menu): void {
    const old = new Map(before.products.map((p) => [p.id, p]));
    const now = new Map(after.products.map((p) => [p.id, p]));
    for (const tables of Object.values(this.#byWaiter)) {
      for (const draft of Object.values(tables)) {
        if (draft.menuVersion === after.version) continue;
        const changes = new Map((draft.changes ?? []).map((c) => [c.product, c]));
        for (const line of draft.lines) {
          const was = old.get(line.product);
          const is = now.get(line.product);
          if (!is) changes.set(line.product, { product: line.product, name: was?.name ?? changes.get(line.product)?.name ?? line.product, kind: "removed" });
          else if (was && was.priceCents !== is.priceCents)
            changes.set(line.product, { product: line.product, name: is.name, kind: "price", oldCents: changes.get(line.product)?.oldCents ?? was.priceCents, newCents: is.priceCents });
        }
        draft.menuVersion = after.version;
        if (changes.size) draft.changes = [...changes.values()];
      }
    }
    this.save();
  }

  get(table: string): Draft | undefined {
    return this.#byTable[table];
  }

  /** Per waiter other than `except`: how many tables have a draft with lines. */
  countsByWaiter(except: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [waiter, tables] of Object.entries(this.#byWaiter)) {
      const n = Object.values(tables).filter((d) => d.lines.length).length;
      if (waiter !== except && n) counts.set(waiter, n);
    }
    return counts;
  }

  /** Adds one of a product: to its plain line if there is one, else as a new line. */
  add(table: string, product: Product, menuVersion: number): void {
    const draft = (this.#mine()[table] ??= { id: newOrderId(), table, menuVersion, lines: [] });
    const plain = draft.lines.find((l) => l.product === product.id && !l.note && l.options.length === 0);
    if (plain) plain.qty = clampQty(plain.qty + 1);
    else draft.lines.push({ key: lineKey(), product: product.id, qty: 1, note: "", options: [] });
    this.save();
  }

  /** Takes one of a product off: its plain line first, else its last line; a line at 0 goes. */
  subtract(table: string, product: string): void {
    const lines = this.#byTable[table]?.lines.filter((l) => l.product === product) ?? [];
    const line = lines.find((l) => !l.note && l.options.length === 0) ?? lines.at(-1);
    if (!line) return;
    if (line.qty > 1) {
      line.qty -= 1;
      this.save();
    } else this.removeLine(table, line.key);
  }

  setQty(table: string, key: string, qty: number): void {
    const line = this.#line(table, key);
    if (line) line.qty = clampQty(qty);
    this.save();
  }

  setNote(table: string, key: string, note: string): void {
    const line = this.#line(table, key);
    // The server refuses control characters (a pasted tab or line break): make them spaces.
    if (line) line.note = note.replace(/[\u0000-\u001f\u007f]/g, " ").slice(0, MAX_NOTE);
    this.save();
  }

  toggleOption(table: string, key: string, option: string): void {
    const line = this.#line(table, key);
    if (!line) return;
    line.options = line.options.includes(option) ? line.options.filter((o) => o !== option) : [...line.options, option];
    this.save();
  }

  removeLine(table: string, key: string): void {
    const draft = this.#byTable[table];
    if (!draft) return;
    draft.lines = draft.lines.filter((l) => l.key !== key);
    if (draft.lines.length === 0) delete this.#mine()[table];
    this.save();
  }

  count(table: string, product: string): number {
    return this.#byTable[table]?.lines.reduce((n, l) => (l.product === product ? n + l.qty : n), 0) ?? 0;
  }

  /** The order was handed to the outbox: the next one gets a new id. */
  clear(table: string): void {
    delete this.#mine()[table];
    this.save();
  }

  /**
   * Puts a refused order back to be reviewed again. Its id was never stored by the server, so it
   * may be kept; if the table already has a new draft, the lines join that one instead.
   */
  restore(draft: Draft): void {
    const current = this.#byTable[draft.table];
    if (current && current.lines.length) {
      current.lines.push(...draft.lines);
      current.changes = draft.changes;
      current.problem = draft.problem;
      current.menuVersion = draft.menuVersion;
    } else {
      this.#mine()[draft.table] = draft;
    }
    this.save();
  }

  setMenuVersion(table: string, version: number): void {
    const draft = this.#byTable[table];
    if (draft) draft.menuVersion = version;
  }

  tables(): string[] {
    return Object.keys(this.#byTable);
  }

  save(): void {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(this.#byWaiter));
    } catch {
      // Storage full or blocked: the draft lives in memory only.
    }
  }

  #line(table: string, key: string): DraftLine | undefined {
    return this.#byTable[table]?.lines.find((l) => l.key === key);
  }

  static newLineKey = lineKey;
}

function load(): Record<string, ByTable> {
  try {
    const data = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "{}") as Record<string, ByTable>;
    return data && typeof data === "object" ? data : {};
  } catch {
    return {};
  }
}

/** Drafts stored before they were kept per waiter: handed once to whoever writes a draft first. */
function takeOldDrafts(): ByTable | undefined {
  try {
    const text = localStorage.getItem(OLD_STORAGE_KEY);
    if (text === null) return undefined;
    localStorage.removeItem(OLD_STORAGE_KEY);
    const data = JSON.parse(text) as ByTable;
    return data && typeof data === "object" ? data : undefined;
  } catch {
    return undefined;
  }
}
