// Browser tests drive Debian's Chromium (playwright-core) against the real server, started the
// way `npm start` starts it, on a free port with a fresh data folder.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, createServer, type AddressInfo, type Socket } from "node:net";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { LogLevel } from "miniflare";
import { afterAll, beforeAll } from "vitest";
import { startServer, type StartedServer } from "../../scripts/lib/server.ts";
import { checkConfig, type EventConfig } from "../../worker/config/schema.ts";
import { noteDeviceOf, useDeviceOf } from "./devices.ts";
import { hasSystemPackage } from "../systemPackages.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = hasSystemPackage(existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium`, "Browser tests");

const root = join(import.meta.dirname, "../..");

/**
 * Where screenshot tests write their pictures: test-results/screenshots (ignored by git), or the
 * README's docs/screenshots when run as `npm run screenshots`.
 */
export const screenshotDir = join(root, process.env.UPDATE_SCREENSHOTS ? "docs/screenshots" : "test-results/screenshots");

export interface TestServer {
  server: StartedServer;
  base: string;
  config: EventConfig;
  stop(): Promise<void>;
}

export interface TestServerOptions {
  /**
   * A data folder to use (a restart on the same data, e.g. with a changed config); the caller
   * owns it and removes it. Without it the server gets a new folder, removed by stop().
   */
  data?: string;
  /** A port to listen on (to restart where the phones already are); default: a free one. */
  port?: number;
}

/** Starts a server on a free port with a new data folder; `configPath` defaults to config.json. */
export async function startTestServer(configPath = join(root, "config.json"), options: TestServerOptions = {}): Promise<TestServer> {
  const text = readFileSync(configPath, "utf8");
  const { config } = checkConfig(JSON.parse(text));
  if (!config) throw new Error(`${configPath} is not a valid config`);
  const data = options.data ?? mkdtempSync(join(tmpdir(), "mini-pos-test-"));
  const server = await startServer({ root, configText: text, configuredAccess: config.access, host: "127.0.0.1", port: options.port ?? 0, data, logLevel: LogLevel.ERROR });
  return {
    server,
    base: server.url.origin,
    config,
    async stop() {
      await server.dispose();
      if (!options.data) rmSync(data, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Without the background-networking flags Chromium tries to reach Google at start (STACK-NOTES §7).
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A phone: 360×640, touch. */
export function phoneContext(browser: Browser, base: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL: base, viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
}

/** A station screen: 1280×800 landscape. */
export function screenContext(browser: Browser, base: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
}

/** Fills the shared login form, on the device of that name when it logged in before (devices.ts). */
export async function logIn(page: Page, name: string, pin: string): Promise<void> {
  await useDeviceOf(page.context(), page.url(), name);
  await page.getByLabel(/^Name/).fill(name);
  await page.getByLabel(/^PIN/).fill(pin);
  const answered = page.waitForResponse((r) => r.url().endsWith("/api/v1/login"), { timeout: 20_000 }).catch(() => undefined);
  await page.getByRole("button", { name: /Anmelden|Log in/ }).click();
  const response = await answered;
  if (response?.ok()) {
    await response.finished();
    await noteDeviceOf(page.context(), page.url(), name);
  }
}

export interface Link {
  /** The address the browser uses instead of the server's. */
  base: string;
  /** Cuts every connection and refuses new ones (the WiFi is gone), or lets them through again. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

/**
 * A TCP relay between the browser and the server that the test can cut. Chromium's offline
 * emulation does not cover every request of a page under a service worker, but nothing gets
 * through a link that is down.
 */
export async function startLink(serverBase: string): Promise<Link> {
  const target = new URL(serverBase);
  const open = new Set<Socket>();
  let down = false;
  const relay = createServer((client) => {
    if (down) return void client.destroy();
    const upstream = connect(Number(target.port), target.hostname);
    open.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const { port } = relay.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    setDown(value) {
      down = value;
      if (down) for (const socket of open) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        relay.close(() => resolve());
      }),
  };
}

/**
 * A test server and a browser for the tests of one describe block: started before them, stopped
 * after. Read them inside the tests (`live.server.base`, `live.browser`), when they exist.
 */
export function serverAndBrowser(): { readonly server: TestServer; readonly browser: Browser } {
  const live = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    live.server = await startTestServer();
    live.browser = await launchBrowser();
  });
  afterAll(async () => {
    await live.browser?.close();
    await live.server?.stop();
  });
  return live;
}
