import { type EventLogDatabase, headPosition, readCheckpoint } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { startReadModelProjector } from '../projector/start-read-model-projector';
import { READ_MODELS_SUBSCRIPTION } from '../read-models-subscription';

export const silentLogger = pino({ level: 'silent' });

/** A running projector for a test: `caughtUp()` waits until it folded everything appended so far. */
export function runProjector(db: Kysely<EventLogDatabase>, connectionString: string) {
  const stop = new AbortController();
  const done = startReadModelProjector({
    db,
    connectionString,
    signal: stop.signal,
    logger: silentLogger,
    lockRetryMs: 100,
  });
  return {
    caughtUp: () => waitForCheckpoint(db, null),
    stop: async () => {
      stop.abort();
      await done;
    },
  };
}

/** Polls until the read models' checkpoint reaches `position` (the log's head when null). */
export async function waitForCheckpoint(
  db: Kysely<EventLogDatabase>,
  position: bigint | null,
): Promise<bigint> {
  const target = position ?? (await headPosition(db));
  for (;;) {
    const checkpoint = (await readCheckpoint(db, READ_MODELS_SUBSCRIPTION)) ?? 0n;
    if (checkpoint >= target) return checkpoint;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
