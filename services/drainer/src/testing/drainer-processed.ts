import { RUNNER_COMMANDS_CHECKPOINT } from '@rollcall/contracts';
import { type EventLogDatabase, readCheckpoint } from '@rollcall/eventlog';
import { eventually } from '@rollcall/testkit';
import type { Kysely } from 'kysely';
import { DRAIN_PROCESS } from '../drain-process/run-drain-process';

/**
 * Waits until the drain process and the runner-command relay have both handled the log up to `position`
 * (exported as @rollcall/drainer/testing).
 */
export function drainerProcessed(db: Kysely<EventLogDatabase>, position: bigint): Promise<true> {
  return eventually(
    async () => {
      const process = (await readCheckpoint(db, DRAIN_PROCESS)) ?? -1n;
      const relay = (await readCheckpoint(db, RUNNER_COMMANDS_CHECKPOINT)) ?? -1n;
      return process >= position && relay >= position ? true : undefined;
    },
    { what: `drainer checkpoints at ${position}` },
  );
}
