// The order each table is being composed: lines, the order id (made when composing starts) and the
// menu version the waiter saw. Kept in localStorage, so a reload does not lose a half-typed order.
import type { MenuChange, Product } from "../../../worker/protocol.ts";
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

const STORAGE_KEY = "mini-pos.service.drafts";
let lineCounter = 0;
const lineKey = () => `${Date.now().toString(36)}-${lineCounter++}`;

export class Drafts {
  #byTable = $state<Record<string, Draft>>(load());

  get(table: string): Draft | undefined {
    return this.#byTable[table];
  }

  /** Adds one of a product: to its plain line if there is one, else as a new line. */
  add(table: string, product: Product, menuVersion: number): void {
    const draft = (this.#byTable[table] ??= { id: newOrderId(), table, menuVersion, lines: [] });
    const plain = draft.lines.find((l) => l.product === product.id && !l.note && l.options.length === 0);
    if (plain) plain.qty = clampQty(plain.qty + 1);
    else draft.lines.push({ key: lineKey(), product: product.id, qty: 1, note: "", options: [] });
    this.save();
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
    if (draft.lines.length === 0) delete this.#byTable[table];
    this.save();
  }

  count(table: string, product: string): number {
    return this.#byTable[table]?.lines.reduce((n, l) => (l.product === product ? n + l.qty : n), 0) ?? 0;
  }

  /** The order was handed to the outbox: the next one gets a new id. */
  clear(table: string): void {
    delete this.#byTable[table];
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
      this.#byTable[draft.table] = draft;
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
      localStorage.setItem(STORAGE_KEY, JSON.stringify(this.#byTable));
    } catch {
      // Storage full or blocked: the draft lives in memory only.
    }
  }

  #line(table: string, key: string): DraftLine | undefined {
    return this.#byTable[table]?.lines.find((l) => l.key === key);
  }

  static newLineKey = lineKey;
}

function load(): Record<string, Draft> {
  try {
    const data = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "{}") as Record<string, Draft>;
    return data && typeof data === "object" ? data : {};
  } catch {
    return {};
  }
}
