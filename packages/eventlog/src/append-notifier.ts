import { type Kysely, sql } from 'kysely';
import { EVENTS_CHANNEL } from './append-statements';
import { PREPARED } from './prepared-statements';
import type { EventLogDatabase } from './tables';

interface NotifierState {
  /** Highest position appended and not yet announced. */
  pending: bigint | null;
  inFlight: boolean;
}

const states = new WeakMap<Kysely<EventLogDatabase>, NotifierState>();

/**
 * Announces committed appends on `rollcall_events`, with at most one NOTIFY in flight per database handle
 * (appends that commit meanwhile are folded into the next one). Fire and forget: readers also poll, so a lost
 * wake-up only delays them.
 */
export function notifyAppended(db: Kysely<EventLogDatabase>, position: bigint): void {
  let state = states.get(db);
  if (state === undefined) {
    state = { pending: null, inFlight: false };
    states.set(db, state);
  }
  if (state.pending === null || position > state.pending) state.pending = position;
  if (!state.inFlight) void flush(db, state);
}

async function flush(db: Kysely<EventLogDatabase>, state: NotifierState): Promise<void> {
  state.inFlight = true;
  try {
    for (let position = state.pending; position !== null; position = state.pending) {
      state.pending = null;
      // A notification is not worth an fsync: commit it asynchronously.
      await sql`${sql.raw(PREPARED)} SELECT set_config('synchronous_commit', 'off', true), pg_notify(${EVENTS_CHANNEL}, ${position.toString()})`.execute(
        db,
      );
    }
  } catch {
    // The pool is closing or the server is gone; pollers catch up without the wake-up.
    state.pending = null;
  } finally {
    state.inFlight = false;
  }
}
