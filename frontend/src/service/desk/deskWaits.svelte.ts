// "Küche ca. 8 Min." on the cash desk (issue 22): the current preparation time per station, read from
// the guests' display socket (GET /api/v1/display/stream, public, DisplayFrame.waits), so the desk
// can tell a guest how long it takes. Only a hint: without the socket the desk simply shows none.
import type { DisplayFrame, StationWait } from "../../../../worker/protocol/counter.ts";
import { CLOSE_CODES } from "../../../../worker/protocol/streamLimits.ts";

export class DeskWaits {
  #waits = $state.raw<StationWait[]>([]);
  #ws: WebSocket | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #attempt = 0;
  #closed = false;

  /** Stations with a figure, as the display shows them. */
  get waits(): StationWait[] {
    return this.#waits.filter((w) => w.minutes !== null);
  }

  open(): void {
    this.#closed = false;
    const ws = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/v1/display/stream`);
    this.#ws = ws;
    ws.onopen = () => (this.#attempt = 0);
    ws.onmessage = (message) => {
      try {
        const frame = JSON.parse(String(message.data)) as DisplayFrame;
        if (frame.type === "display" && Array.isArray(frame.waits)) this.#waits = frame.waits;
      } catch {
        // Not a frame of ours: ignored.
      }
    };
    ws.onclose = (event) => {
      if (this.#closed) return;
      // Back off up to a minute: the figure is a hint, the desk must not hammer a server that is away.
      // Pushed out because the display room is full (close code 4002): the guests' screens come first.
      const delay = event.code === CLOSE_CODES.replaced ? 5 * 60_000 : Math.min(60_000, 2_000 * 2 ** this.#attempt++);
      this.#timer = setTimeout(() => this.open(), delay);
    };
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#ws?.close();
  }
}
