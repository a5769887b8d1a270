// Every command of the coordinator, named once. The Durable Object runs them by name through its
// one RPC method, `run(name, actor, input)` (EventCoordinator.ts); the input and result types
// follow from the name. A new command is a module in this folder, one line here, and its route.
import type { Result } from "../../errors.ts";
import type { Command } from "../command.ts";
import { editMenu } from "./editMenu.ts";
import { moveItems } from "./moveItems.ts";
import { pay } from "./pay.ts";
import { placeOrder } from "./placeOrder.ts";
import { reversePayment } from "./reversePayment.ts";
import { setAvailability } from "./setAvailability.ts";
import { settle } from "./settle.ts";
import { startEvent } from "./startEvent.ts";
import { ticketAction } from "./ticketAction.ts";
import { voidItem } from "./voidItem.ts";
import { printState } from "./printState.ts";
import { reprintJob } from "./reprintJob.ts";
import { cancelPrintJob } from "./cancelPrintJob.ts";
import { printTicket } from "./printTicket.ts";
import { requestReceipt } from "./requestReceipt.ts";
import { sellVouchers } from "./sellVouchers.ts";
import { reverseVoucherSale } from "./reverseVoucherSale.ts";

export const commands = { placeOrder, setAvailability, ticketAction, pay, reversePayment, voidItem, moveItems, settle, editMenu, startEvent, printState, reprintJob, cancelPrintJob, printTicket, requestReceipt, sellVouchers, reverseVoucherSale };

export type CommandName = keyof typeof commands;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- only the input type is wanted here
export type CommandInput<N extends CommandName> = (typeof commands)[N] extends Command<infer I, any, any> ? I : never;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- only the result type is wanted here
export type CommandResult<N extends CommandName> = (typeof commands)[N] extends Command<any, any, infer T> ? Result<T> : never;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commands, name);
}
