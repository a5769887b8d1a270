// The menu as the organiser edits it on /admin/menu: a working copy of GET /menu/edit, saved whole
// with PUT /menu against the version it was read at. Prices are typed as text ("3,50") and turned
// into the config's decimal only through integer cents (parseMoneyInput), never guessed.
import type { MenuCategoryInput, MenuEditView, MenuProductInput } from "../../../worker/protocol.ts";
import { freeId } from "./menuIds.ts";
import { parseMoneyInput } from "./moneyInput.ts";

export interface DraftProduct extends Omit<MenuProductInput, "price" | "deposit" | "options" | "deposit_group"> {
  /** As typed: "3,50". */
  price: string;
  deposit: string;
  /** The deposit group (the glass, "Glas 0,5 l"); "" for the group of its deposit amount. */
  deposit_group: string;
  /** As typed: options separated by commas. */
  options: string;
  isNew: boolean;
}

/** A config decimal as the organiser types it: "3,50" in German, "3.50" in English. */
const amountText = (value: number, comma: boolean) => (comma ? value.toFixed(2).replace(".", ",") : value.toFixed(2));
/** Cents as the config's decimal without float arithmetic on the amount itself. */
const decimalOf = (cents: number) => Number(`${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, "0")}`);

export function toDraftProduct(p: MenuProductInput, comma: boolean, isNew = false): DraftProduct {
  return { id: p.id, name: p.name, category: p.category, price: amountText(p.price, comma), deposit: p.deposit ? amountText(p.deposit, comma) : "", deposit_group: p.deposit_group ?? "", options: p.options.join(", "), isNew };
}

export class MenuDraft {
  readonly #comma: boolean;
  constructor(language: "de" | "en") {
    this.#comma = language === "de";
  }

  #base = $state.raw<MenuEditView | undefined>(undefined);
  #categories = $state<MenuCategoryInput[]>([]);
  #products = $state<DraftProduct[]>([]);

  /** The menu as last read or saved. */
  get base(): MenuEditView | undefined {
    return this.#base;
  }
  /** The working copy; the rows' inputs edit its fields in place. */
  get categories(): MenuCategoryInput[] {
    return this.#categories;
  }
  get products(): DraftProduct[] {
    return this.#products;
  }

  take(view: MenuEditView): void {
    this.#base = view;
    this.#categories = structuredClone(view.categories);
    this.#products = view.products.map((p) => toDraftProduct(p, this.#comma));
  }

  /** What the organiser changed since the menu was read: compared as it would be saved. */
  get dirty(): boolean {
    if (!this.#base) return false;
    const body = this.body();
    return !body || JSON.stringify({ c: body.categories, p: body.products }) !== JSON.stringify({ c: this.#base.categories, p: this.#base.products });
  }

  #taken(): Set<string> {
    return new Set([...this.#products.map((p) => p.id), ...(this.#base?.removed ?? []).map((r) => r.id)]);
  }

  /** Adds a product at the end of its category; returns its id. */
  addProduct(name: string, price: string, category: string): string {
    const id = freeId(name, this.#taken(), "produkt");
    const product: DraftProduct = { id, name: name.trim(), price, deposit: "", deposit_group: "", options: "", category, isNew: true };
    const lastOfCategory = this.#products.findLastIndex((p) => p.category === category);
    this.#products.splice(lastOfCategory < 0 ? this.#products.length : lastOfCategory + 1, 0, product);
    return id;
  }

  addCategory(name: string, station: string): string {
    const id = freeId(name, new Set(this.#categories.map((c) => c.id)), "kategorie");
    this.#categories.push({ id, name: name.trim(), station, color: 0 });
    return id;
  }

  /** Only an empty category: its products would lose their place. */
  removeCategory(id: string): void {
    if (!this.#products.some((p) => p.category === id)) this.#categories = this.#categories.filter((c) => c.id !== id);
  }

  removeProduct(id: string): void {
    this.#products = this.#products.filter((p) => p.id !== id);
  }

  /** Moves a product one place up or down among its category's products. */
  move(id: string, step: -1 | 1): void {
    const i = this.#products.findIndex((p) => p.id === id);
    const category = this.#products[i]?.category;
    let j = i + step;
    while (j >= 0 && j < this.#products.length && this.#products[j]!.category !== category) j += step;
    if (i < 0 || j < 0 || j >= this.#products.length) return;
    const next = [...this.#products];
    [next[i], next[j]] = [next[j]!, next[i]!];
    this.#products = next;
  }

  /** A typed price that is no amount: the line's own message, before anything is sent. */
  static priceProblem(text: string, optional = false): "bad" | "empty" | undefined {
    const parsed = parseMoneyInput(text);
    if (parsed.kind === "empty") return optional ? undefined : "empty";
    return parsed.kind === "ok" ? undefined : "bad";
  }

  /** The PUT /menu body, or undefined while a price is not an amount. */
  body(): { baseVersion: number; categories: MenuCategoryInput[]; products: MenuProductInput[] } | undefined {
    if (!this.#base) return undefined;
    const products: MenuProductInput[] = [];
    for (const p of this.#products) {
      const price = parseMoneyInput(p.price);
      const deposit = parseMoneyInput(p.deposit);
      if (price.kind !== "ok" || (deposit.kind !== "ok" && deposit.kind !== "empty")) return undefined;
      const options = p.options.split(",").map((o) => o.trim()).filter(Boolean);
      const depositValue = deposit.kind === "ok" ? decimalOf(deposit.cents) : 0;
      // A group means nothing without a deposit: it is left out rather than refused.
      const group = depositValue > 0 ? p.deposit_group.trim() : "";
      products.push({ id: p.id, name: p.name.trim(), price: decimalOf(price.cents), category: p.category, options, deposit: depositValue, ...(group ? { deposit_group: group } : {}) });
    }
    return { baseVersion: this.#base.version, categories: $state.snapshot(this.#categories), products };
  }

  /** The deposit groups named so far, for the group field's suggestions. */
  get depositGroups(): string[] {
    return [...new Set(this.#products.map((p) => p.deposit_group.trim()).filter(Boolean))];
  }

  /** A problem's path (`products[3].price`) as the organiser reads it: the product's or category's name. */
  whereOf(path: string): string {
    const m = /^(products|categories)\[(\d+)\]/.exec(path);
    if (!m) return path;
    const item = m[1] === "products" ? this.#products[Number(m[2])] : this.#categories[Number(m[2])];
    return item ? `${item.name || item.id}${path.slice(m[0].length)}` : path;
  }
}
