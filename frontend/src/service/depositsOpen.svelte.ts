// How many glasses of each deposit group can still come back, so that "Pfand zurück" shows it and
// asks for the admin PIN beyond it. Fetched from GET /deposits when the pay sheet opens and after
// each payment the server confirms to this phone; kept (also in localStorage) for when the network
// is gone. The server checks again inside the coordinator, so old figures can only make the phone
// offer too much, never record it.
import type { DepositGroupBalance, PayBody, Product } from "../../../worker/protocol.ts";
import { api } from "../lib/api.ts";
import { groupOfReturn, menuGroups, type DepositGroupOffer } from "./depositGroups.ts";

const KEY = "mini-pos.service.deposits";

interface Stored {
  event: string;
  groups: DepositGroupBalance[];
}

function readStored(event: string): DepositGroupBalance[] | undefined {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? "null") as Stored | null;
    // Figures stored before deposit groups (by product) are not used.
    return stored?.event === event && Array.isArray(stored.groups) ? stored.groups : undefined;
  } catch {
    return undefined;
  }
}

export class DepositsOpen {
  /** Each group's figures as last read, or undefined while this phone has never read them. */
  groups = $state.raw<DepositGroupBalance[] | undefined>(undefined);
  #event = "";
  /** Only the newest answer counts: an older one may arrive last and hold older figures. */
  #asked = 0;

  /** Reads the figures; offline, keeps the last ones (of this event). */
  async load(event: string): Promise<void> {
    if (this.#event !== event) {
      this.#event = event;
      this.groups = readStored(event);
    }
    const ask = ++this.#asked;
    try {
      const { groups } = await api<{ groups: DepositGroupBalance[] }>("GET", "/deposits");
      if (ask !== this.#asked) return;
      this.groups = groups;
      localStorage.setItem(KEY, JSON.stringify({ event, groups } satisfies Stored));
    } catch {
      // Offline or refused: the last figures stay; the server decides when the payment arrives.
    }
  }

  /** The groups "Pfand zurück" offers: the menu's, then any other with glasses still out (of products taken off the menu). */
  offer(products: readonly Product[]): DepositGroupOffer[] {
    const offer = menuGroups(products);
    for (const g of this.groups ?? []) if (g.open > 0 && !offer.some((o) => o.group === g.group)) offer.push({ group: g.group, depositCents: g.depositCents });
    return offer;
  }

  /**
   * How many of `group` this payment may take back without the admin PIN: what is open, less what
   * payments waiting on this phone take back, plus the deposits this payment charges itself.
   * null: not known yet.
   */
  left(group: string, waiting: readonly Pick<PayBody, "depositReturns">[], chargedHere: number, products: readonly Product[]): number | null {
    if (!this.groups) return null;
    const pending = waiting.reduce((n, b) => n + (b.depositReturns ?? []).filter((r) => groupOfReturn(r, products) === group).reduce((m, r) => m + r.qty, 0), 0);
    return Math.max(0, (this.groups.find((g) => g.group === group)?.open ?? 0) - pending + chargedHere);
  }
}

export const depositsOpen = new DepositsOpen();
