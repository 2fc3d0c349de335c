import { setTimeout as sleep } from 'node:timers/promises';
import {
  type EventFilter,
  type EventLogDatabase,
  type GapState,
  type ReadAllPage,
  readAllPage,
} from '@rollcall/eventlog';
import type { Kysely } from 'kysely';

export interface ReadEventsPageInput {
  after: bigint;
  limit: number;
  filter?: EventFilter | undefined;
}

// A hole in the positions is stepped over only by a reader that saw it earlier and then sees every
// transaction that was running at that time finished. An HTTP client keeps no such state between
// requests, so under steady writes each fresh request would stop at a rolled-back hole again. The page
// looks again a few times, briefly, carrying the gap: appends are short, so those in flight end quickly.
const GAP_RECHECK_DELAYS_MS = [0, 5, 20, 50];

/**
 * One page of the log for a client that brings only a position: like readAllPage, but at a gap it re-reads
 * a few times before answering, so a page ends early only while a transaction that holds a missing
 * position is still running (or at `limit`). It never skips an event that may still commit.
 */
export async function readEventsPage(
  db: Kysely<EventLogDatabase>,
  { after, limit, filter }: ReadEventsPageInput,
): Promise<Omit<ReadAllPage, 'gap'>> {
  let page = await readAllPage(db, { after, limit, filter });
  const events = [...page.events];
  let gap: GapState | null = page.gap;
  for (const delayMs of GAP_RECHECK_DELAYS_MS) {
    if (gap === null || events.length >= limit) break;
    if (delayMs > 0) await sleep(delayMs);
    page = await readAllPage(db, { after: page.lastPosition, limit: limit - events.length, filter, gap });
    events.push(...page.events);
    gap = page.gap;
  }
  return { events, lastPosition: page.lastPosition };
}
