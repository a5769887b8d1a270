// What is picked on the pay sheet, kept per waiter and table in localStorage like a draft order
// (Drafts.svelte.ts), so a phone reloaded in the middle of a payment opens the sheet again with the
// same items, method, cash given, tip and returned glasses. Gone when the sheet is closed or the
// payment is recorded. Only the selection: the payment id is made at the tap on "Bezahlen".
import type { PaymentMethod } from "../../../worker/protocol.ts";

export interface PayDraft {
  picks: Record<string, number>;
  method: PaymentMethod;
  tenderedCents: number | null;
  tipCents: number;
  returns: Record<string, number>;
}

const STORAGE_KEY = "mini-pos.service.pay-drafts";
const keyOf = (waiter: string, table: string) => JSON.stringify([waiter, table]);

function readAll(): Record<string, PayDraft> {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "{}") as unknown;
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, PayDraft>) : {};
  } catch {
    // A damaged entry only loses the selection.
    return {};
  }
}

export function readPayDraft(waiter: string, table: string): PayDraft | undefined {
  const draft = readAll()[keyOf(waiter, table)];
  return draft && typeof draft.picks === "object" ? draft : undefined;
}

/** Keeps the selection; an empty one (nothing picked, no glasses) is forgotten. */
export function writePayDraft(waiter: string, table: string, draft: PayDraft | undefined): void {
  const all = readAll();
  const empty = !draft || (Object.values(draft.picks).every((q) => !q) && Object.values(draft.returns).every((q) => !q));
  if (empty) delete all[keyOf(waiter, table)];
  else all[keyOf(waiter, table)] = draft;
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(all));
  } catch {
    // Storage full or blocked: the sheet works, only a reload loses the selection.
  }
}
