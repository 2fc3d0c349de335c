import { type Namespace, SettingsEvent, settingsEventSchemas, settingsStream } from '@rollcall/contracts';
import {
  type AutoUpgradeSwitches,
  autoUpgradeSwitchesFor,
  evolveSettings,
  initialSettingsState,
} from '@rollcall/domain';
import { defineEventRegistry, type EventLogDatabase, readStream } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';

const settingsEventRegistry = defineEventRegistry(settingsEventSchemas);

/**
 * The global and the namespace's auto-upgrade switch, folded from `settings-global` (a handful of events, one
 * per flip), read afresh for every decision so a switch turned off just before a publish is honoured.
 */
export async function loadAutoUpgradeSwitches(
  db: Kysely<EventLogDatabase>,
  namespace: Namespace,
): Promise<AutoUpgradeSwitches> {
  let state = initialSettingsState();
  for await (const recorded of readStream(db, {
    streamName: settingsStream(),
    registry: settingsEventRegistry,
  })) {
    // A type this build does not know came from a newer writer; evolve would ignore it anyway.
    const event = SettingsEvent.safeParse({ type: recorded.type, data: recorded.data });
    if (event.success) state = evolveSettings(state, event.data);
  }
  return autoUpgradeSwitchesFor(state, namespace);
}
