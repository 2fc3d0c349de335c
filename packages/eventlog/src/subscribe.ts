import type { Kysely } from 'kysely';
import type { EventFilter } from './event-filter';
import type { EventRegistry } from './event-registry';
import type { Wake } from './notifications';
import { readAllPage } from './read-all-page';
import type { RecordedEvent } from './recorded-event';
import type { GapState } from './safe-head';
import { sleep } from './sleep';
import type { EventLogDatabase } from './tables';

export type SubscriptionPage =
  /** Events after the previous page, in global-position order, up to `lastPosition`. With a filter, `events`
   *  may be empty while `lastPosition` still moved: nothing in between matched. */
  | { kind: 'events'; events: RecordedEvent[]; lastPosition: bigint }
  /** Nothing more is readable right now; repeated after each idle wait that brought nothing new. */
  | { kind: 'caught-up'; position: bigint };

export interface SubscribeOptions {
  /** Deliver events with a global position above this one. */
  after: bigint;
  /** Most events per page. @default 100 */
  batchSize?: number;
  filter?: EventFilter;
  registry?: EventRegistry;
  /** Ends the subscription: the generator returns at its next step, without waiting out an idle delay. */
  signal: AbortSignal;
  /** First idle delay between reads, in ms, doubled per empty read. @default 250 */
  pollIntervalMs?: number;
  /** Longest idle delay, in ms. @default 5000 */
  maxPollIntervalMs?: number;
  /** Append notifications; without one the subscription only polls. */
  wake?: Wake;
}

/**
 * Tails the log in global-position order, never skipping an event whose transaction commits late: it carries
 * the reader's gap state from page to page. While idle it waits for a wake-up or the poll delay, backing off
 * up to the cap.
 */
export async function* subscribe(
  db: Kysely<EventLogDatabase>,
  options: SubscribeOptions,
): AsyncGenerator<SubscriptionPage, void, undefined> {
  const { signal, wake } = options;
  const batchSize = options.batchSize ?? 100;
  const firstDelay = options.pollIntervalMs ?? 250;
  const maxDelay = options.maxPollIntervalMs ?? 5000;
  let position = options.after;
  let gap: GapState | null = null;
  let idleDelay = firstDelay;

  while (!signal.aborted) {
    const generation = wake?.generation ?? 0;
    const page = await readAllPage(db, {
      after: position,
      limit: batchSize,
      ...(options.filter === undefined ? {} : { filter: options.filter }),
      ...(options.registry === undefined ? {} : { registry: options.registry }),
      gap,
    });
    gap = page.gap;
    if (page.events.length > 0 || page.lastPosition > position) {
      position = page.lastPosition;
      idleDelay = firstDelay;
      yield { kind: 'events', events: page.events, lastPosition: position };
      continue;
    }
    yield { kind: 'caught-up', position };
    if (signal.aborted) return;
    // A gap closes without a notification when its transaction rolls back, so keep looking at it often.
    const delay = gap === null ? idleDelay : firstDelay;
    if (wake === undefined) await sleep(delay, signal);
    else if (await wake.waitForWake(generation, delay, signal)) {
      idleDelay = firstDelay;
      continue;
    }
    idleDelay = Math.min(idleDelay * 2, maxDelay);
  }
}
