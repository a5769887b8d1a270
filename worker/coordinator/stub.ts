import type { Env } from "../env.ts";
import { loadEvent } from "../config/event.ts";

/** The coordinator of this deployment's event, addressed by the event id. */
export function coordinator(env: Env) {
  return env.EVENT_COORDINATOR.getByName(loadEvent(env).config.id);
}
