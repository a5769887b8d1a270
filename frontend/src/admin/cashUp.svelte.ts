// The two reads the settlement page and the printed report share: every waiter's current shift
// (GET /settlement) and the settlements stored so far (GET /settlements), of the current event or,
// with `event`, of an earlier one (?event=).
import type { Settlement, WaiterShift } from "../../../worker/protocol.ts";
import type { AdminContext } from "./context.ts";
import { Remote } from "./remote.svelte.ts";

export class CashUp {
  readonly shifts: Remote<{ waiters: WaiterShift[] }>;
  readonly settlements: Remote<{ settlements: Settlement[] }>;

  constructor(ctx: () => AdminContext, event: () => string | undefined = () => undefined) {
    const query = () => (event() ? `?event=${encodeURIComponent(event()!)}` : "");
    this.shifts = new Remote(() => `/settlement${query()}`, ctx);
    this.settlements = new Remote(() => `/settlements${query()}`, ctx);
  }

  reload(): void {
    void this.shifts.load();
    void this.settlements.load();
  }

  get waiters(): WaiterShift[] | undefined {
    return this.shifts.value?.waiters;
  }

  get stored(): Settlement[] | undefined {
    return this.settlements.value?.settlements;
  }

  get error(): string {
    return this.shifts.error || this.settlements.error;
  }
}
