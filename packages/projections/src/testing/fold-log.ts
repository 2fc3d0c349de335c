import { type EventLogDatabase, readAll } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import type { DrainRow } from '../drains/drain-row';
import { foldDrainEvents } from '../drains/fold-drain-events';
import { foldPoolEvents, keyPoolEvents } from '../pools/fold-pool-events';
import type { PoolRow } from '../pools/pool-row';
import type { PositionedPoolEvent } from '../positioned-pool-event';
import { toPoolEvent } from '../projector/to-pool-event';
import { foldWorkerEvents, keyWorkerEvents } from '../worker-map/fold-worker-events';
import type { WorkerRow } from '../worker-map/worker-row';
import type { ReadModelsDump } from './dump-read-models';

function byId(a: DrainRow, b: DrainRow): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The read models as the pure reducers make them from the whole log, in memory: the reference for the tables. */
export async function foldLog(db: Kysely<EventLogDatabase>): Promise<ReadModelsDump> {
  const workers = new Map<string, WorkerRow>();
  const pools = new Map<string, PoolRow>();
  const events: PositionedPoolEvent[] = [];
  for await (const stored of readAll(db, { filter: { category: 'pool' } })) {
    const event = toPoolEvent(stored);
    if (event !== null) events.push(event);
  }
  foldWorkerEvents(workers, keyWorkerEvents(events));
  foldPoolEvents(pools, keyPoolEvents(events));
  const drains = foldDrainEvents({ latest: new Map(), runners: new Map() }, events);
  const byKey = (a: readonly string[], b: readonly string[]) => {
    for (let i = 0; i < a.length; i += 1) {
      const [x, y] = [a[i] ?? '', b[i] ?? ''];
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
  return {
    workers: [...workers.values()].sort((a, b) =>
      byKey([a.namespace, a.runnerId], [b.namespace, b.runnerId]),
    ),
    pools: [...pools.values()].sort((a, b) => byKey([a.namespace, a.pool], [b.namespace, b.pool])),
    drains: [...drains.values()].sort(byId),
  };
}
