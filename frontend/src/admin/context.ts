// What every admin page needs to show things: the event, its language, the translators and the
// money and time formats. AdminApp makes one and passes it down as the `ctx` prop.
import { isCounterBill, placeName, type CounterPlace, type EventInfo, type PaymentMethod } from "../../../worker/protocol.ts";
import type { EventState } from "../lib/eventState.svelte.ts";
import { commonStrings, translator, type Language } from "../lib/i18n.ts";
import { formatCents } from "../lib/money.ts";
import { formatTime } from "../lib/time.ts";
import type { MoneyFeed } from "./remote.svelte.ts";
import { adminStrings } from "./strings.ts";

export interface AdminContext {
  event: EventInfo;
  language: Language;
  t: ReturnType<typeof translator<keyof (typeof adminStrings)["de"]>>;
  tc: ReturnType<typeof translator<keyof (typeof commonStrings)["de"]>>;
  money(cents: number): string;
  /** "22:14" for a time today. */
  time(ms: number): string;
  /** Date and time, for the printed report and older entries. */
  dateTime(ms: number): string;
  methodName(method: PaymentMethod): string;
  /** A bill as people name it: a table's name, or a counter order's desk and number ("Kasse 1 · Nr. 42"), never the "#…" key. */
  place(table: string, place?: CounterPlace): string;
  /** The same with "Tisch" before a table's name ("Tisch 5", "Kasse 1 · Nr. 42"), for text without a table column. */
  bill(table: string, place?: CounterPlace): string;
}

/** A page that shows money figures: they are read again when the stream's money feed moves. */
export interface FeedPageProps {
  ctx: AdminContext;
  feed: MoneyFeed;
}

/** A page that shows the live event (availability, the menu). */
export interface LivePageProps {
  ctx: AdminContext;
  live: EventState;
}

export function adminContext(event: EventInfo): AdminContext {
  const language = event.language;
  const t = translator(adminStrings, language);
  return {
    event,
    language,
    t,
    tc: translator(commonStrings, language),
    money: (cents) => formatCents(cents, event.currency, language),
    time: (ms) => formatTime(ms, language),
    dateTime: (ms) => new Date(ms).toLocaleString(language, { dateStyle: "medium", timeStyle: "short" }),
    methodName: (method) => t(method),
    place: (table, place) => placeName(table, place, event.counters, language),
    bill: (table, place) => (isCounterBill(table) ? placeName(table, place, event.counters, language) : `${t("table")} ${table}`),
  };
}
