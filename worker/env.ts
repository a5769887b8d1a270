import type { EventCoordinator } from "./coordinator/EventCoordinator.ts";

/** The bindings of wrangler.toml, plus what scripts/start.ts passes in. */
export interface Env {
  DB: D1Database;
  EVENT_COORDINATOR: DurableObjectNamespace<EventCoordinator>;
  ASSETS: Fetcher;
  /** The event config as JSON text (`npm start -- --config FILE`); without it the bundled config.json is used. */
  EVENT_CONFIG?: string;
  /** Version string reported by /api/v1/health. */
  APP_VERSION?: string;
  /** Comma-separated host names the API answers to besides IP addresses and localhost (set by the start script; "*" = any). */
  ALLOWED_HOSTS?: string;
  /** "off": no request or order limit per person (only the fuzz tests, which send thousands a second on purpose). */
  HTTP_RATE_LIMIT?: string;
  /** The PINs as secrets (`npm run deploy`); used when the config has no `access` block. */
  WAITER_PIN?: string;
  STATION_PIN?: string;
  ADMIN_PIN?: string;
}
