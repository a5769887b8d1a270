// Deposit groups (issue 20, item 11): guests bring back glasses, not products. A product with a
// deposit belongs to the group its `deposit_group` names ("Glas 0,5 l"); without one, to the group of
// its amount ("Pfand 2,00 €"). The group's text is what the waiter sees and its key on the wire. One
// amount per group, so a return is valued exactly: config.json and PUT /menu refuse a mix by path.
// Depends on nothing but Intl, like the schema that calls it.
import type { ConfigProblem } from "./schema.ts";

const AMOUNT_WORD = { de: "Pfand", en: "Deposit" } as const;

/** The group of deposits of this amount without a deposit_group: "Pfand 2,00 €" / "Deposit €2.00". */
export function amountGroupName(cents: number, language: "de" | "en", currency: string): string {
  // A plain space instead of the no-break space Intl puts before "€": the name can be typed as it reads.
  const amount = new Intl.NumberFormat(language, { style: "currency", currency }).format(cents / 100).replace(/\u00a0|\u202f/g, " ");
  return `${AMOUNT_WORD[language]} ${amount}`;
}

/** The deposit group of a product: its deposit_group, else its amount's group; "" without a deposit. */
export function depositGroupOf(p: { depositCents: number; deposit_group?: string | undefined }, language: "de" | "en", currency: string): string {
  if (p.depositCents <= 0) return "";
  return p.deposit_group ?? amountGroupName(p.depositCents, language, currency);
}

type Loose = Record<string, unknown>;

/** A group named on a product without a deposit, and a group whose products differ in deposit: by path. */
export function checkDepositGroups(cfg: Loose): ConfigProblem[] {
  const language = cfg.language === "en" ? "en" : "de";
  const currency = typeof cfg.currency === "string" && /^[A-Z]{3}$/.test(cfg.currency) ? cfg.currency : "EUR";
  const products = Array.isArray(cfg.products) ? cfg.products : [];
  const out: ConfigProblem[] = [];
  const first = new Map<string, { i: number; cents: number; name: unknown }>();
  for (const [i, p] of products.entries()) {
    if (!p || typeof p !== "object") continue;
    const { deposit, deposit_group: group, name } = p as Loose;
    if (typeof deposit !== "number" && deposit !== undefined) continue;
    if (group !== undefined && typeof group !== "string") continue;
    const cents = Math.round((deposit ?? 0) * 100);
    const named = typeof group === "string" ? group.trim() : undefined;
    if (named !== undefined && cents <= 0) {
      out.push({ level: "error", path: `products[${i}].deposit_group`, message: `"${named}" is a deposit group, but the product carries no deposit: set its deposit or remove deposit_group` });
      continue;
    }
    if (cents <= 0) continue;
    const key = depositGroupOf({ depositCents: cents, deposit_group: named }, language, currency);
    const seen = first.get(key);
    if (!seen) first.set(key, { i, cents, name });
    else if (seen.cents !== cents)
      out.push({
        level: "error",
        path: `products[${i}].deposit`,
        message: `the deposit group "${key}" has a deposit of ${(seen.cents / 100).toFixed(2)} at products[${seen.i}] (${String(seen.name)}), this product ${(cents / 100).toFixed(2)}: one deposit per group (glasses of a group are paid back alike); give it the same deposit or another deposit_group`,
      });
  }
  return out;
}
