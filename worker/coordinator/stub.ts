// The worker's handle on an event's coordinator, addressed by the event id: the current event's for
// nearly everything, an earlier event's for cashing up the bills it left open (http/earlierEvent.ts).
import type { Env } from "../env.ts";
import { loadEvent } from "../config/event.ts";
import type { EventCoordinator } from "./EventCoordinator.ts";

/** RPC stub types drop a method's type parameters; this puts `run`'s back, so a result's type follows the command's name. */
export type CoordinatorStub = Omit<DurableObjectStub<EventCoordinator>, "run"> & Pick<EventCoordinator, "run">;

/** The coordinator of the event running now. */
export function coordinator(env: Env): CoordinatorStub {
  return coordinatorOf(env, loadEvent(env).config.id);
}

/** The coordinator of one event of this box (one Durable Object per event id). */
export function coordinatorOf(env: Env, eventId: string): CoordinatorStub {
  return env.EVENT_COORDINATOR.getByName(eventId) as unknown as CoordinatorStub;
}
