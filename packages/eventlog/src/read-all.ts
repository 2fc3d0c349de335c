import type { Kysely } from 'kysely';
import type { EventFilter } from './event-filter';
import type { EventRegistry } from './event-registry';
import { readAllPage } from './read-all-page';
import type { RecordedEvent } from './recorded-event';
import type { GapState } from './safe-head';
import type { EventLogDatabase } from './tables';

export interface ReadAllInput {
  /** Start after this global position (exclusive). @default 0n */
  after?: bigint;
  /** Stop at this global position (inclusive). @default the safe head when the reader gets there */
  to?: bigint;
  filter?: EventFilter;
  /** Positions examined per query. @default 5000 */
  pageSize?: number;
  registry?: EventRegistry;
}

/**
 * The global log in global_position order, page by page (memory stays flat however long the log). It ends
 * at the safe head it reaches: events that commit later, or behind a gap still open, are left for the next read.
 */
export async function* readAll(
  db: Kysely<EventLogDatabase>,
  { after = 0n, to, filter, pageSize = 5000, registry }: ReadAllInput = {},
): AsyncGenerator<RecordedEvent> {
  let position = after;
  let gap: GapState | null = null;
  while (to === undefined || position < to) {
    const page = await readAllPage(db, { after: position, limit: pageSize, filter, registry, gap });
    for (const event of page.events) {
      if (to !== undefined && event.globalPosition > to) return;
      yield event;
    }
    if (page.lastPosition === position) return;
    position = page.lastPosition;
    gap = page.gap;
  }
}
