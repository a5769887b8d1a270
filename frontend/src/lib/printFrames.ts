// The stream's print frame (issue 21) told apart from the others, in a module of its own: every
// page's stream reads it, and only the pages that show printing load the PrintState.
import type { PrintChangedFrame } from "../../../worker/protocol/print.ts";

/** True for the stream's print frame (read before anything else looks at a frame). */
export function isPrintFrame(frame: { type: string }): frame is PrintChangedFrame {
  return frame.type === "print.changed";
}
