import type { EventLogDatabase } from '@rollcall/eventlog';
import { type Kysely, sql } from 'kysely';
import type { PositionedPoolEvent } from '../positioned-pool-event';
import { PoolEventParseError } from '../projector/pool-event-parse-error';
import { toPoolEvent } from '../projector/to-pool-event';

export interface PoolEventPage {
  events: PositionedPoolEvent[];
  /** Rows read (events of the `pool` category), parsed or not. */
  read: number;
  /** Events that did not parse: the live projector parks them, so the replay skips them too. */
  skipped: number;
  /** The end of the window read. */
  lastPosition: bigint;
}

interface PageRow {
  global_position: string;
  event_id: string;
  type: string;
  data: unknown;
}

/**
 * The `pool` events of the window of positions (after, to], in order, on the (category, global_position)
 * index. Every position up to `to` must be settled (see `settledHead`): this reader does not watch for late
 * commits.
 */
export async function readPoolEventPage(
  db: Kysely<EventLogDatabase>,
  { after, to }: { after: bigint; to: bigint },
): Promise<PoolEventPage> {
  const { rows } = await sql<PageRow>`
    SELECT global_position, event_id, type, data FROM events
    WHERE category = 'pool' AND global_position > ${after.toString()}::int8 AND global_position <= ${to.toString()}::int8
    ORDER BY global_position`.execute(db);
  const events: PositionedPoolEvent[] = [];
  let skipped = 0;
  for (const row of rows) {
    try {
      const positioned = toPoolEvent({
        eventId: row.event_id,
        type: row.type,
        data: row.data,
        globalPosition: BigInt(row.global_position),
      });
      if (positioned !== null) events.push(positioned);
    } catch (error) {
      if (!(error instanceof PoolEventParseError)) throw error;
      skipped += 1;
    }
  }
  return { events, read: rows.length, skipped, lastPosition: to };
}
