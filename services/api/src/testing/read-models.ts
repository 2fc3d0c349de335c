import { setTimeout as sleep } from 'node:timers/promises';
import { type EventLogDatabase, headPosition, readCheckpoint } from '@rollcall/eventlog';
import { READ_MODELS_SUBSCRIPTION, startReadModelProjector } from '@rollcall/projections';
import type { Kysely } from 'kysely';
import { silentLogger } from './test-app';

export interface TestProjector {
  /** Resolves once the read models folded everything appended so far. */
  caughtUp(): Promise<bigint>;
  stop(): Promise<void>;
}

/** The registry's read-model projector, run in the test process against the test database. */
export function runTestProjector(db: Kysely<EventLogDatabase>, connectionString: string): TestProjector {
  const stopping = new AbortController();
  const done = startReadModelProjector({
    db,
    connectionString,
    signal: stopping.signal,
    logger: silentLogger(),
    lockRetryMs: 100,
  });
  return {
    async caughtUp() {
      const head = await headPosition(db);
      for (;;) {
        const checkpoint = (await readCheckpoint(db, READ_MODELS_SUBSCRIPTION)) ?? 0n;
        if (checkpoint >= head) return checkpoint;
        await sleep(20);
      }
    },
    async stop() {
      stopping.abort();
      await done;
    },
  };
}
