import type { WorkerDrain, WorkerMapRow } from '@rollcall/contracts';
import { formatTime } from './format-time';
import { renderTable } from './render-table';

function drainCell(drain: WorkerDrain | null): string | null {
  if (drain === null) return null;
  const by = drain.supersededBy === null ? '' : ` by v${drain.supersededBy}`;
  return `${drain.reason}${by}, deadline ${formatTime(drain.deadline)}`;
}

/** Worker-map rows as a table, one runner per line. */
export function workersTable(workers: readonly WorkerMapRow[]): string {
  return renderTable(
    ['RUNNER', 'POOL', 'VERSION', 'SERVER', 'STATUS', 'AVAILABLE', 'SESSIONS', 'LAST SEEN', 'DRAIN'],
    workers.map((worker) => [
      worker.runnerId,
      worker.pool,
      `v${worker.version}`,
      worker.serverId,
      worker.status,
      worker.available ? 'yes' : 'no',
      `${worker.activeSessions}/${worker.slots}`,
      formatTime(worker.lastSeenAt),
      drainCell(worker.drain),
    ]),
  );
}

/** `12 workers, 9 available`. */
export function workersSummary(workers: readonly WorkerMapRow[]): string {
  const available = workers.filter((worker) => worker.available).length;
  return `${workers.length} worker${workers.length === 1 ? '' : 's'}, ${available} available`;
}
