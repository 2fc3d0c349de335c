import type { DrainView } from '@rollcall/contracts';
import { formatTime } from './format-time';
import { renderTable } from './render-table';

/** Drains as a table, one per line: who, why, when, and what each waits for (or how it ended). */
export function drainsTable(drains: readonly DrainView[]): string {
  return renderTable(
    [
      'RUNNER',
      'POOL',
      'VERSION',
      'REASON',
      'BY',
      'REQUESTED',
      'DEADLINE',
      'LEFT',
      'SESSIONS',
      'STATE',
      'WAITING FOR / OUTCOME',
    ],
    drains.map((drain) => [
      drain.runnerId,
      drain.pool,
      `v${drain.version}`,
      drain.supersededBy === null ? drain.reason : `${drain.reason} (v${drain.supersededBy})`,
      drain.requestedBy,
      formatTime(drain.requestedAt),
      formatTime(drain.deadline),
      drain.secondsLeft === null ? null : `${drain.secondsLeft}s`,
      drain.activeSessions,
      drain.state,
      drain.waitingFor ?? drain.outcome,
    ]),
  );
}

/** `3 drains in progress, 5 finished`. */
export function drainsSummary(drains: readonly DrainView[]): string {
  const inProgress = drains.filter((drain) => drain.endedAt === null).length;
  return `${inProgress} drain${inProgress === 1 ? '' : 's'} in progress, ${drains.length - inProgress} finished`;
}
