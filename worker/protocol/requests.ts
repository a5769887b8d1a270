// Request bodies of the order and station endpoints (worker/schemas/requests.ts checks them).

export interface LoginBody {
  name: string;
  /** 4 to 8 digits. */
  pin: string;
  /** Only to take over a waiter's name that is in use on another device (409 NAME_IN_USE without it). */
  adminPin?: string;
}

export interface OrderLine {
  product: string;
  /** 1 to MAX_QTY. */
  qty: number;
  /** Kept as typed (no trim): the order's replay hash was always taken over the note as sent. */
  note?: string;
  options?: string[];
}

export interface PlaceOrderBody {
  /** Made by the device; lower case. */
  id: string;
  /** Table service: the table (exactly one of `table` and `counter`). */
  table?: string;
  /** Counter service (issue 22): the cash desk (`counters[].id`); the order gets a bill of its own, counterBill(id). */
  counter?: string;
  menuVersion: number;
  items: OrderLine[];
}

export interface AvailabilityBody {
  soldOut?: boolean;
  /** How many are left; null removes the quota. */
  quota?: number | null;
}
