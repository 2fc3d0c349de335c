import { type EventLogDatabase, headPosition, readCheckpoint } from '@rollcall/eventlog';
import { READ_MODELS_SUBSCRIPTION } from '@rollcall/projections';
import type { Kysely } from 'kysely';

/** Whether the read models (worker map, pools) have folded everything the log holds now. */
export async function readModelsCaughtUp(db: Kysely<EventLogDatabase>): Promise<boolean> {
  const head = await headPosition(db);
  const checkpoint = (await readCheckpoint(db, READ_MODELS_SUBSCRIPTION)) ?? 0n;
  return checkpoint >= head;
}
