// Installable app and offline start: the manifest link, the service worker, and noticing a new
// version. Service workers exist only in secure contexts (https, localhost); elsewhere the app
// still works online and keeps its outbox, it just cannot open without the network.

import { loadLazyParts } from "./lazyParts.ts";

export class AppUpdate {
  #available = $state(false);
  #registration: ServiceWorkerRegistration | undefined;

  /** A newer build is on the server (or a new worker is waiting): offer "New version — reload". */
  get available(): boolean {
    return this.#available;
  }

  start(): void {
    addHeadLink("manifest", "/manifest.webmanifest");
    addHeadLink("apple-touch-icon", "/icon-192.png");
    if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
    navigator.serviceWorker
      .register("/service-sw.js", { scope: "/service" })
      .then((registration) => {
        this.#registration = registration;
        if (registration.waiting && navigator.serviceWorker.controller) this.#available = true;
        registration.addEventListener("updatefound", () => {
          const next = registration.installing;
          next?.addEventListener("statechange", () => {
            if (next.state === "installed" && navigator.serviceWorker.controller) this.#available = true;
          });
        });
        return navigator.serviceWorker.ready;
      })
      // The parts loaded when first opened are loaded now, so that the worker keeps them too (lazyParts.ts).
      .then(async (registration) => {
        await loadLazyParts();
        registration.active?.postMessage({ type: "cache-assets", urls: loadedAssets() });
      })
      .catch((error) => console.warn("service worker not registered", error));
  }

  /** Asks the server which build it serves now; a different entry script means a new version. */
  async check(): Promise<void> {
    const running = document.querySelector<HTMLScriptElement>('script[type="module"][src*="/assets/"]')?.getAttribute("src");
    try {
      const res = await fetch("/service", { cache: "no-store", headers: { "x-version-check": "1" } });
      const html = await res.text();
      const served = /<script[^>]+type="module"[^>]+src="([^"]+)"/.exec(html)?.[1];
      if (running && served && served !== running) this.#available = true;
      // The connection may drop between the two requests: a failed update is simply tried next time.
      this.#registration?.update().catch(() => undefined);
    } catch {
      // Offline: check again later.
    }
  }

  reload(): void {
    const waiting = this.#registration?.waiting;
    if (waiting) {
      navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), { once: true });
      waiting.postMessage({ type: "skip-waiting" });
      setTimeout(() => location.reload(), 1500);
    } else location.reload();
  }
}

function addHeadLink(rel: string, href: string) {
  if (document.head.querySelector(`link[rel="${rel}"]`)) return;
  const link = document.createElement("link");
  link.rel = rel;
  link.href = href;
  document.head.append(link);
}

/** The built files this page has loaded (entry, the service chunk, CSS), for the worker to keep. */
function loadedAssets(): string[] {
  const urls = performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname);
  for (const el of document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>("script[src], link[rel=stylesheet], link[rel=modulepreload]"))
    urls.push(new URL("src" in el ? el.src : el.href, location.href).pathname);
  return [...new Set(urls.filter((u) => u.startsWith("/assets/")))];
}
