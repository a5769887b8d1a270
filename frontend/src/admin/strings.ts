import type { Dictionary } from "../lib/i18n.ts";

export const adminStrings: Dictionary<
  "title" | "availability" | "soldOut" | "onSale" | "quota" | "quotaHint" | "setQuota" | "clearQuota" | "left" | "adminOnly" | "saved" | "menuVersion"
> = {
  de: {
    title: "Verwaltung",
    availability: "Verfügbarkeit",
    soldOut: "Ausverkauft",
    onSale: "Verfügbar",
    quota: "Kontingent",
    quotaHint: "Anzahl, die noch verkauft werden kann (leer = unbegrenzt)",
    setQuota: "Setzen",
    clearQuota: "Unbegrenzt",
    left: "{n} übrig",
    adminOnly: "Nur mit der Admin-PIN.",
    saved: "Gespeichert",
    menuVersion: "Karten-Version {v}",
  },
  en: {
    title: "Admin",
    availability: "Availability",
    soldOut: "Sold out",
    onSale: "On sale",
    quota: "Quota",
    quotaHint: "How many can still be sold (empty = no limit)",
    setQuota: "Set",
    clearQuota: "No limit",
    left: "{n} left",
    adminOnly: "Admin PIN only.",
    saved: "Saved",
    menuVersion: "Menu version {v}",
  },
};
