// WebSocket frames a client may send (protocol/frames.ts, "client → server"): only the answer to
// the server's ping. Ticket actions go over HTTP (one transport per action).
import { z } from "zod";
import type { ClientFrame } from "../protocol.ts";
import { assertEqual } from "./typeCheck.ts";

export const clientFrameSchema = z.discriminatedUnion("type", [z.strictObject({ type: z.literal("pong"), nonce: z.string().min(1).max(64) })]);
assertEqual<z.output<typeof clientFrameSchema>, ClientFrame>(true);
