// WebSocket frames a client may send (protocol/frames.ts, "client → server").
import { z } from "zod";
import { MAX_ORDER_LINES, type ClientFrame } from "../protocol.ts";
import { assertEqual } from "./typeCheck.ts";

const ref = z.string().min(1).max(64).optional();
const ticketId = z.string().min(1).max(120);
export const clientFrameSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("ticket.bump"), ref, ticket: ticketId }),
  z.strictObject({ type: z.literal("ticket.undo"), ref, ticket: ticketId }),
  z.strictObject({ type: z.literal("ticket.pickup"), ref, ticket: ticketId }),
  z.strictObject({ type: z.literal("item.bump"), ref, ticket: ticketId, line: z.number().int().min(0).max(MAX_ORDER_LINES - 1) }),
  z.strictObject({ type: z.literal("item.undo"), ref, ticket: ticketId, line: z.number().int().min(0).max(MAX_ORDER_LINES - 1) }),
  z.strictObject({ type: z.literal("pong"), nonce: z.string().min(1).max(64) }),
]);
assertEqual<z.output<typeof clientFrameSchema>, ClientFrame>(true);
