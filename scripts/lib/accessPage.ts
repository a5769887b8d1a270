// `<data>/access.html`: the QR codes and addresses of the start screen as a page to print, written
// on every start (the addresses may change). Under a systemd unit nobody sees the terminal, so this
// file is where the organiser finds the codes to tape to the bar. No PINs: it is meant to be seen.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { renderSVG } from "uqr";
import type { AccessUrls } from "./banner.ts";

type Language = "de" | "en";

const strings = {
  de: {
    title: "Zugang",
    intro: "Mit dem Handy scannen oder die Adresse eingeben. Die Seite wird bei jedem Start neu geschrieben.",
    waiters: "Bedienungen (Handy)",
    stations: "Theke und Küche",
    pickup: "Abholung (Läufer)",
    display: "Abholanzeige für Gäste (Fernseher, ohne Anmeldung)",
    admin: "Verwaltung",
    also: "Auch erreichbar unter",
    pins: "Die PINs stehen absichtlich nicht auf dieser Seite. Sie stehen in config.json (access) oder, wenn sie beim ersten Start erzeugt wurden, in der Ausgabe von npm start; unter systemd:",
  },
  en: {
    title: "Access",
    intro: "Scan with a phone or type the address. This page is written again on every start.",
    waiters: "Waiters (phones)",
    stations: "Bar and kitchen",
    pickup: "Pickup (runners)",
    display: "Guests' pickup display (TV, no login)",
    admin: "Admin",
    also: "Also reachable at",
    pins: "The PINs are left off this page on purpose. They are in config.json (access) or, if they were generated on first start, in the output of npm start; under systemd:",
  },
} satisfies Record<Language, Record<string, string>>;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function qrCard(label: string, url: string, large: boolean): string {
  return `<figure class="${large ? "large" : "small"}">${renderSVG(url, { border: 2 })}<figcaption><strong>${escapeHtml(label)}</strong><br>${escapeHtml(url)}</figcaption></figure>`;
}

export function accessPageHtml(eventName: string, language: Language, urls: AccessUrls): string {
  const t = strings[language];
  const also = urls.others.length ? `<p>${t.also}: ${urls.others.map((u) => escapeHtml(u)).join(", ")}</p>` : "";
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(eventName)} – Mini POS: ${t.title}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #000; background: #fff; }
  h1 { font-size: 1.5rem; margin: 0 0 0.5rem; }
  .codes { display: flex; flex-wrap: wrap; gap: 1.5rem; }
  figure { margin: 0; break-inside: avoid; overflow-wrap: anywhere; }
  figure.large svg { width: 7cm; max-width: 100%; height: auto; }
  figure.small svg { width: 4.5cm; max-width: 100%; height: auto; }
  figcaption { font-size: 1.1rem; margin-top: 0.25rem; }
  .note { font-size: 0.9rem; margin-top: 2rem; }
  code { white-space: nowrap; }
</style>
</head>
<body>
<h1>${escapeHtml(eventName)}</h1>
<p>${t.intro}</p>
<div class="codes">
${qrCard(t.waiters, urls.waiters, true)}
${qrCard(t.stations, urls.stations, true)}
${qrCard(t.pickup, urls.pickup, false)}
</div>
<p>${t.display}: ${escapeHtml(urls.display)}</p>
<p>${t.admin}: ${escapeHtml(urls.admin)}</p>
${also}
<p class="note">${t.pins} <code>journalctl -u mini-pos -g PINs</code></p>
</body>
</html>
`;
}

/** Writes the page into the data folder and returns its absolute path. */
export function writeAccessPage(dataDir: string, eventName: string, language: Language, urls: AccessUrls): string {
  const path = join(resolve(dataDir), "access.html");
  mkdirSync(resolve(dataDir), { recursive: true });
  writeFileSync(path, accessPageHtml(eventName, language, urls));
  return path;
}
