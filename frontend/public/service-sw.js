// Service worker of the waiter app (scope /service): the app shell and its built files are kept so
// /service opens with no network; of the API only the menu and the event settings are kept (served
// network-first, the copy only when the server cannot be reached). Orders are never cached here:
// the app's own IndexedDB outbox holds them.
const SHELL = "mini-pos-shell-v1";
const FILES = "mini-pos-files-v1";
const API = "mini-pos-api-v1";
const API_COPIES = ["/api/v1/menu", "/api/v1/event"];
const NAVIGATION_TIMEOUT_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(refreshShell());
  // The first install takes over at once; an update waits until the waiter taps "reload".
  if (!self.registration.active) self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("mini-pos-") && ![SHELL, FILES, API].includes(k)).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data?.type === "skip-waiting") self.skipWaiting();
  if (event.data?.type === "cache-assets" && Array.isArray(event.data.urls)) event.waitUntil(keepOnly(event.data.urls));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (API_COPIES.includes(url.pathname)) return event.respondWith(networkFirst(request, API, url.pathname));
  if (url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") return event.respondWith(navigate(request));
  if (url.pathname.startsWith("/assets/")) return event.respondWith(cacheFirst(request));
  if (/^\/(manifest\.webmanifest|icon-[\w.-]+)$/.test(url.pathname)) return event.respondWith(networkFirst(request, FILES, url.pathname));
});

/** The page: from the network when it answers in time (and keep it), else the kept shell. */
async function navigate(request) {
  const network = fetch(request).then(async (res) => {
    if (res.ok && res.headers.get("content-type")?.includes("text/html")) {
      const cache = await caches.open(SHELL);
      await cache.put("/service", res.clone());
      cacheAssetsOf(await res.clone().text());
    }
    return res;
  });
  const timeout = new Promise((resolve) => setTimeout(resolve, NAVIGATION_TIMEOUT_MS));
  const kept = await caches.match("/service", { cacheName: SHELL });
  try {
    const res = await (kept ? Promise.race([network, timeout]) : network);
    if (res) return res;
  } catch {
    // No network: fall through to the kept shell.
  }
  return kept ?? network;
}

async function networkFirst(request, cacheName, key) {
  try {
    const res = await fetch(request);
    if (res.ok) await (await caches.open(cacheName)).put(key, res.clone());
    return res;
  } catch (error) {
    const kept = await caches.match(key, { cacheName });
    if (kept) return kept;
    throw error;
  }
}

/** Built files have a hash in their name: a kept copy is always right. */
async function cacheFirst(request) {
  const kept = await caches.match(request, { cacheName: FILES });
  if (kept) return kept;
  const res = await fetch(request);
  if (res.ok) await (await caches.open(FILES)).put(request, res.clone());
  return res;
}

async function refreshShell() {
  try {
    const res = await fetch("/service", { cache: "no-store" });
    if (!res.ok) return;
    await (await caches.open(SHELL)).put("/service", res.clone());
    await cacheAssetsOf(await res.text());
  } catch {
    // Installed while offline: the shell is kept on the next visit.
  }
}

function cacheAssetsOf(html) {
  const urls = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  return addAll(urls);
}

async function addAll(urls) {
  const cache = await caches.open(FILES);
  await Promise.all(urls.map(async (u) => (await cache.match(u)) || cache.add(u).catch(() => undefined)));
}

/** The page says which built files it runs on: keep those, drop files of older builds. */
async function keepOnly(urls) {
  await addAll(urls);
  const shell = await caches.match("/service", { cacheName: SHELL });
  const inShell = shell ? [...(await shell.text()).matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]) : [];
  const keep = new Set([...urls, ...inShell]);
  const cache = await caches.open(FILES);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith("/assets/") && !keep.has(path)) await cache.delete(request);
  }
}
