// The pickup display's few words, German and English; the event's language comes with each frame.
import type { Dictionary } from "../lib/i18n.ts";

export const displayStrings: Dictionary<"preparing" | "ready" | "wait" | "enableSound" | "reconnecting"> = {
  de: {
    preparing: "In Zubereitung",
    ready: "Abholbereit",
    wait: "{station} ca. {n} Min.",
    enableSound: "Ton einschalten",
    reconnecting: "Verbindung …",
  },
  en: {
    preparing: "Preparing",
    ready: "Ready",
    wait: "{station} approx. {n} min",
    enableSound: "Turn sound on",
    reconnecting: "Connecting …",
  },
};
