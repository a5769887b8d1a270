// Station actions go over HTTP POST: the answer says for certain whether the server took the
// bump, and the change then reaches every screen (this one too) through the stream.
import type { Ticket } from "../../../worker/protocol.ts";
import { api } from "../lib/api.ts";

const base = (ticket: string) => `/tickets/${encodeURIComponent(ticket)}`;

export const bumpTicket = (ticket: string) => api<{ ticket: Ticket; seq: number | null }>("POST", `${base(ticket)}/bump`);
export const undoTicket = (ticket: string) => api<{ ticket: Ticket; seq: number | null }>("POST", `${base(ticket)}/undo`);
export const pickupTicket = (ticket: string) => api<{ ticket: Ticket; seq: number | null }>("POST", `${base(ticket)}/pickup`);
export const bumpItem = (ticket: string, line: number) => api<{ ticket: Ticket; seq: number | null }>("POST", `${base(ticket)}/items/${line}/bump`);
export const undoItem = (ticket: string, line: number) => api<{ ticket: Ticket; seq: number | null }>("POST", `${base(ticket)}/items/${line}/undo`);
