// How many glasses of each deposit product can still come back, so that "Pfand zurück" offers no
// more than that. Fetched from GET /deposits when the pay sheet opens and after each payment the
// server confirms to this phone; kept (also in localStorage) for when the network is gone. The
// server checks again inside the coordinator, so old figures can only make the phone offer too
// much, never record it.
import type { DepositBalance, PayBody } from "../../../worker/protocol.ts";
import { api } from "../lib/api.ts";

const KEY = "mini-pos.service.deposits";

interface Stored {
  event: string;
  open: Record<string, number>;
}

function readStored(event: string): Map<string, number> | undefined {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? "null") as Stored | null;
    return stored?.event === event ? new Map(Object.entries(stored.open)) : undefined;
  } catch {
    return undefined;
  }
}

export class DepositsOpen {
  /** Open glasses per product as last read, or undefined while this phone has never read them. */
  open = $state.raw<Map<string, number> | undefined>(undefined);
  #event = "";
  /** Only the newest answer counts: an older one may arrive last and hold older figures. */
  #asked = 0;

  /** Reads the figures; offline, keeps the last ones (of this event). */
  async load(event: string): Promise<void> {
    if (this.#event !== event) {
      this.#event = event;
      this.open = readStored(event);
    }
    const ask = ++this.#asked;
    try {
      const { deposits } = await api<{ deposits: DepositBalance[] }>("GET", "/deposits");
      if (ask !== this.#asked) return;
      this.open = new Map(deposits.map((d) => [d.product, d.open]));
      localStorage.setItem(KEY, JSON.stringify({ event, open: Object.fromEntries(this.open) } satisfies Stored));
    } catch {
      // Offline or refused: the last figures stay; the server decides when the payment arrives.
    }
  }

  /**
   * How many of `product` this payment may take back: what is open, less what payments waiting on
   * this phone take back, plus the deposits this payment charges itself. null: not known yet.
   */
  left(product: string, waiting: readonly Pick<PayBody, "depositReturns">[], chargedHere: number): number | null {
    if (!this.open) return null;
    const pending = waiting.reduce((n, b) => n + (b.depositReturns?.find((r) => r.product === product)?.qty ?? 0), 0);
    return Math.max(0, (this.open.get(product) ?? 0) - pending + chargedHere);
  }
}

export const depositsOpen = new DepositsOpen();
