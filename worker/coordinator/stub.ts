// The worker's handle on the coordinator of this deployment's event, addressed by the event id.
import type { Env } from "../env.ts";
import { loadEvent } from "../config/event.ts";
import type { EventCoordinator } from "./EventCoordinator.ts";

/** RPC stub types drop a method's type parameters; this puts `run`'s back, so a result's type follows the command's name. */
export type CoordinatorStub = Omit<DurableObjectStub<EventCoordinator>, "run"> & Pick<EventCoordinator, "run">;

export function coordinator(env: Env): CoordinatorStub {
  return env.EVENT_COORDINATOR.getByName(loadEvent(env).config.id) as unknown as CoordinatorStub;
}
