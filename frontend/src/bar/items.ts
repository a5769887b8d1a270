// What is left to prepare of a line once its voided quantity (Storno) is taken off.
import type { OrderItem } from "../../../worker/protocol.ts";

export const toMake = (item: Pick<OrderItem, "qty" | "voidedQty">): number => Math.max(0, item.qty - item.voidedQty);

/** Every unit of the line was taken back: nobody prepares it. */
export const voidedOut = (item: Pick<OrderItem, "qty" | "voidedQty">): boolean => item.voidedQty > 0 && toMake(item) === 0;

/** "1× Pils" for what is still to make; a fully voided line keeps its ordered quantity. */
export const itemSummary = (item: Pick<OrderItem, "qty" | "voidedQty" | "name">): string => `${voidedOut(item) ? item.qty : toMake(item)}× ${item.name}`;
