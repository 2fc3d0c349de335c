import { randomUUID } from 'node:crypto';
import { SettingsEvent, settingsEventSchemas, settingsStream } from '@rollcall/contracts';
import {
  decideSettings,
  evolveSettings,
  initialSettingsState,
  type SettingsState,
  type SwitchAutoUpgrade,
} from '@rollcall/domain';
import {
  append,
  ConcurrencyError,
  defineEventRegistry,
  type EventLogDatabase,
  readStream,
} from '@rollcall/eventlog';
import type { Kysely } from 'kysely';

const settingsEventRegistry = defineEventRegistry(settingsEventSchemas);

// The stream sees an operator's flip now and then; a few tries outlast any realistic race.
const MAX_ATTEMPTS = 5;

interface LoadedSettings {
  readonly state: SettingsState;
  readonly version: bigint;
}

/** Folds `settings-global` (a handful of events: one per flip of a switch). */
export async function loadSettings(db: Kysely<EventLogDatabase>): Promise<LoadedSettings> {
  let state = initialSettingsState();
  let version = 0n;
  for await (const recorded of readStream(db, {
    streamName: settingsStream(),
    registry: settingsEventRegistry,
  })) {
    // A type this build does not know came from a newer writer; evolve would ignore it anyway.
    const event = SettingsEvent.safeParse({ type: recorded.type, data: recorded.data });
    if (event.success) state = evolveSettings(state, event.data);
    version = recorded.streamVersion;
  }
  return { state, version };
}

/**
 * Decides `command` on the switches as the log has them and appends the result expecting that version; a
 * concurrent flip makes it decide again on the fresh state. Returns the switches after the command.
 */
export async function switchAutoUpgrade(
  db: Kysely<EventLogDatabase>,
  command: SwitchAutoUpgrade,
  { correlationId }: { correlationId: string },
): Promise<SettingsState> {
  for (let attempt = 1; ; attempt += 1) {
    const { state, version } = await loadSettings(db);
    const events = decideSettings(command, state);
    if (events.length === 0) return state;
    try {
      await append(
        db,
        {
          streamName: settingsStream(),
          expectedVersion: version,
          events: events.map(({ type, data }) => ({
            eventId: randomUUID(),
            type,
            data,
            metadata: { actor: command.metadata.actor, correlationId },
          })),
        },
        { registry: settingsEventRegistry },
      );
      return events.reduce(evolveSettings, state);
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
