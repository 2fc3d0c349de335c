import type { EventLogDatabase, RecordedEvent, Wake } from '@rollcall/eventlog';
import { runSubscription } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { applyPoolEvents } from '../apply-pool-events';
import type { PositionedPoolEvent } from '../positioned-pool-event';
import { READ_MODELS_SUBSCRIPTION } from '../read-models-subscription';
import { toPoolEvent } from './to-pool-event';

export interface ReadModelProjectorOptions {
  db: Kysely<EventLogDatabase>;
  /** For the subscription's dedicated connections (its leader lock, and LISTEN when no `wake` is given). */
  connectionString: string;
  /** Stops the projector after its in-flight batch. */
  signal: AbortSignal;
  logger: Logger;
  /** Where the subscription registers its metrics (labelled `subscription="read-models"`). */
  metrics?: Registry;
  /** A shared append listener, when the process has one. */
  wake?: Wake;
  /** Most events folded per transaction. @default 500 */
  batchSize?: number;
  /** How often a standby replica asks to lead, in ms. @default 5000 */
  lockRetryMs?: number;
}

/**
 * Keeps `worker_map` and `pools` in step with the log: one checkpointed subscription (`read-models`) over
 * the `pool` category, in transactional mode, so each batch's row changes and its checkpoint commit together
 * (exactly once). One replica leads; the others stand by. A stored event that does not parse is parked in
 * `dead_letters` by the subscription and skipped. Resolves once `signal` aborted and the in-flight batch is
 * done.
 */
export function startReadModelProjector(options: ReadModelProjectorOptions): Promise<void> {
  return runSubscription({
    db: options.db,
    connectionString: options.connectionString,
    name: READ_MODELS_SUBSCRIPTION,
    filter: { category: 'pool' },
    batchSize: options.batchSize ?? 500,
    signal: options.signal,
    logger: options.logger,
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
    ...(options.wake === undefined ? {} : { wake: options.wake }),
    ...(options.lockRetryMs === undefined ? {} : { lockRetryMs: options.lockRetryMs }),
    mode: 'transactional',
    handler: (trx, events) => applyPoolEvents(trx, parsePoolEvents(events)),
  });
}

function parsePoolEvents(events: readonly RecordedEvent[]): PositionedPoolEvent[] {
  const parsed: PositionedPoolEvent[] = [];
  for (const event of events) {
    const positioned = toPoolEvent(event);
    if (positioned !== null) parsed.push(positioned);
  }
  return parsed;
}
