// After a tap on a ticket (its "Done" button or one of its lines), the place where that card was
// takes no tap on another ticket for a moment: when a bumped card leaves, the next one slides
// under the finger, and the second tap of a double tap would finish that one too.
export const TAP_GUARD_MS = 600;

interface Area {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export class TapGuard {
  #ticket: string | undefined;
  #area: Area | undefined;
  #until = 0;
  readonly #ms: number;
  readonly #now: () => number;

  constructor(ms = TAP_GUARD_MS, now = () => performance.now()) {
    this.#ms = ms;
    this.#now = now;
  }

  /**
   * Call for every tap on a ticket card's button, with the card's ticket and box and the tap's
   * point. False: the tap hit another ticket where the last tapped card just was, drop it.
   */
  accept(ticket: string, card: Area, x: number, y: number): boolean {
    const now = this.#now();
    const area = this.#area;
    if (area && now < this.#until && ticket !== this.#ticket && x >= area.left && x <= area.right && y >= area.top && y <= area.bottom) return false;
    this.#ticket = ticket;
    this.#area = { left: card.left, top: card.top, right: card.right, bottom: card.bottom };
    this.#until = now + this.#ms;
    return true;
  }
}
