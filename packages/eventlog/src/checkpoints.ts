import { type Kysely, sql, type Transaction } from 'kysely';
import type { EventLogDatabase } from './tables';

/**
 * - `stored`: the checkpoint was at `expected` (or absent when `expected` is null) and now is `position`.
 * - `ignored`: it already is `position`; the batch was handled before and this write changes nothing.
 * - `ahead`: it is beyond `position`; another instance got further.
 * - `mismatch`: it is somewhere else (behind, or moved back by an operator replay); re-read and resume from it.
 */
export type StoreCheckpointResult = 'stored' | 'ignored' | 'ahead' | 'mismatch';

export interface StoreCheckpointParams {
  consumer: string;
  /** The position this consumer last stored, or null when it never stored one. */
  expected: bigint | null;
  position: bigint;
}

/** The global position up to which `consumer` has handled events, or null when it never stored one. */
export async function readCheckpoint(db: Kysely<EventLogDatabase>, consumer: string): Promise<bigint | null> {
  const row = await db
    .selectFrom('checkpoints')
    .select('position')
    .where('consumer', '=', consumer)
    .executeTakeFirst();
  return row === undefined ? null : BigInt(row.position);
}

/**
 * Compare-and-set of a consumer's checkpoint. It takes a transaction so that the handler's writes and the new
 * position commit together (exactly-once for effects kept in Postgres); anything but `stored` means the
 * caller should roll back.
 */
export async function storeCheckpoint(
  trx: Transaction<EventLogDatabase>,
  { consumer, expected, position }: StoreCheckpointParams,
): Promise<StoreCheckpointResult> {
  const written =
    expected === null
      ? await trx
          .insertInto('checkpoints')
          .values({ consumer, position })
          .onConflict((oc) => oc.column('consumer').doNothing())
          .returning('consumer')
          .executeTakeFirst()
      : await trx
          .updateTable('checkpoints')
          .set({ position, updated_at: sql`now()` })
          .where('consumer', '=', consumer)
          .where('position', '=', expected.toString())
          .returning('consumer')
          .executeTakeFirst();
  if (written !== undefined) return 'stored';

  // A separate statement: under READ COMMITTED it sees the row that made the compare fail, even when that
  // row was committed by a concurrent transaction after this transaction's first statement began.
  const current = await readCheckpoint(trx, consumer);
  if (current === position) return 'ignored';
  if (current !== null && current > position) return 'ahead';
  return 'mismatch';
}

/**
 * Moves a consumer's checkpoint to `position` unconditionally (an operator replay: the consumer re-delivers
 * everything after it). A running consumer notices at its next compare-and-set (`mismatch`) and resumes from
 * here. Returns the previous position.
 */
export async function resetCheckpoint(
  db: Kysely<EventLogDatabase>,
  { consumer, position }: { consumer: string; position: bigint },
): Promise<bigint | null> {
  return db.transaction().execute(async (trx) => {
    const previous = await trx
      .selectFrom('checkpoints')
      .select('position')
      .where('consumer', '=', consumer)
      .forUpdate()
      .executeTakeFirst();
    await trx
      .insertInto('checkpoints')
      .values({ consumer, position })
      .onConflict((oc) => oc.column('consumer').doUpdateSet({ position, updated_at: sql`now()` }))
      .execute();
    return previous === undefined ? null : BigInt(previous.position);
  });
}
