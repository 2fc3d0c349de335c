import type {
  PoolEvent,
  PoolEventType,
  RunnerConnectedData,
  RunnerDrainRequestedData,
  RunnerLostData,
  RunnerStoppedData,
  StopReason,
} from '@rollcall/contracts';
import { canonicalTime } from '../canonical-time';
import { type DrainRow, isOpen, type RunnerSnapshot } from './drain-row';

/** The pool events that can start, move or end a drain. */
export const drainsEventTypes = [
  'RunnerConnected',
  'RunnerDrainRequested',
  'RunnerUndrained',
  'RunnerBecameIdle',
  'RunnerBecameBusy',
  'RunnerStopRequested',
  'RunnerStopped',
  'RunnerLost',
] as const satisfies readonly PoolEventType[];

export type DrainsEvent = Extract<PoolEvent, { type: (typeof drainsEventTypes)[number] }>;

const handled: ReadonlySet<string> = new Set(drainsEventTypes);

export function isDrainsEvent(event: PoolEvent): event is DrainsEvent {
  return handled.has(event.type);
}

/**
 * Folds one pool event at `position` into a runner's latest drain (null: the runner was never drained).
 * Returns the same object when nothing changed, the row moved on, or a new row (another `id`) when the
 * event starts a new drain; the earlier row then stays as it ended. Pure, and mirrors the pool aggregate:
 * - a drain request of a runner with no drain in progress starts one, described by the `runner` as it
 *   is at that moment (a runner nobody registered in that pool is ignored, as the worker map ignores it); a repeat of the drain in progress (a re-registered runner is drained again as it was)
 *   keeps the row and counts as a fresh notice, back to draining if it was stopping;
 * - busy/idle transitions carry the session count; an undrain, a stop request, the disconnect and a loss
 *   move or end the drain in progress; a registration of another version, or in another pool, ends it
 *   (another incarnation took the runner id);
 * - events about the runner in another pool than its drain's are ignored, and so is an event at or below the
 *   row's `updatedPosition` (a redelivered batch).
 */
export function evolveDrainRow(
  latest: DrainRow | null,
  event: DrainsEvent,
  position: bigint,
  runner: RunnerSnapshot | null,
): DrainRow | null {
  if (latest !== null && position <= latest.updatedPosition) return latest;
  if (event.type === 'RunnerDrainRequested') return drainRequested(latest, event.data, position, runner);
  if (latest === null || !isOpen(latest)) return latest;
  if (event.type === 'RunnerConnected') return reconnected(latest, event.data, position);
  if (event.data.pool !== latest.pool) return latest;
  switch (event.type) {
    case 'RunnerUndrained':
      return latest.phase === 'draining'
        ? ended(latest, position, 'undrained', event.data.at, `undrained by ${event.data.requestedBy}`)
        : latest;
    case 'RunnerBecameIdle':
      return {
        ...latest,
        activeSessions: 0,
        sessionsAt: canonicalTime(event.data.at),
        updatedPosition: position,
      };
    case 'RunnerBecameBusy':
      return {
        ...latest,
        activeSessions: event.data.activeSessions,
        sessionsAt: canonicalTime(event.data.at),
        updatedPosition: position,
      };
    case 'RunnerStopRequested':
      return latest.phase === 'draining'
        ? {
            ...latest,
            phase: 'stopping',
            stopRequestedAt: canonicalTime(event.data.requestedAt),
            stopForced: event.data.forced,
            stopReason: event.data.reason,
            stopPosition: position,
            updatedPosition: position,
          }
        : latest;
    case 'RunnerStopped':
      return stopped(latest, event.data, position);
    case 'RunnerLost':
      return ended(latest, position, 'lost', event.data.at, lostOutcome(event.data));
  }
}

function drainRequested(
  latest: DrainRow | null,
  data: RunnerDrainRequestedData,
  position: bigint,
  runner: RunnerSnapshot | null,
): DrainRow | null {
  const drain = {
    reason: data.reason,
    supersededBy: data.supersededBy ?? null,
    requestedBy: data.requestedBy,
    requestedAt: canonicalTime(data.requestedAt),
    deadline: canonicalTime(data.deadline),
  };
  if (latest !== null && isOpen(latest) && latest.pool === data.pool) {
    // The aggregate overwrites the drain it holds; the row follows, and the runner is told again.
    return {
      ...latest,
      ...drain,
      phase: 'draining',
      noticePosition: position,
      stopRequestedAt: null,
      stopForced: false,
      stopReason: null,
      stopPosition: null,
      updatedPosition: position,
    };
  }
  if (runner === null || runner.pool !== data.pool) return latest;
  return {
    id: position,
    namespace: data.namespace,
    runnerId: data.runnerId,
    pool: data.pool,
    version: runner.version,
    serverId: runner.serverId,
    ...drain,
    phase: 'draining',
    noticePosition: position,
    activeSessions: runner.activeSessions,
    sessionsAt: runner.sessionsAt,
    stopRequestedAt: null,
    stopForced: false,
    stopReason: null,
    stopPosition: null,
    endedAt: null,
    outcome: null,
    updatedPosition: position,
  };
}

/** A registration while draining: the same incarnation re-registering keeps its drain, another one ends it. */
function reconnected(latest: DrainRow, data: RunnerConnectedData, position: bigint): DrainRow {
  const at = canonicalTime(data.connectedAt);
  if (data.pool !== latest.pool) {
    return ended(latest, position, 'stopped', at, `re-registered in pool ${data.pool}`);
  }
  if (data.version !== latest.version) {
    return ended(latest, position, 'stopped', at, `re-registered as version ${data.version}`);
  }
  return { ...latest, serverId: data.serverId, activeSessions: 0, sessionsAt: at, updatedPosition: position };
}

function stopped(latest: DrainRow, data: RunnerStoppedData, position: bigint): DrainRow {
  const said = data.reason === undefined || data.reason === '' ? '' : ` (runner said: ${data.reason})`;
  if (latest.phase === 'draining') {
    return ended(latest, position, 'stopped', data.at, `disconnected on its own while draining${said}`);
  }
  const outcome = latest.stopReason === null ? 'stopped' : STOP_OUTCOMES[latest.stopReason];
  return ended(latest, position, latest.stopForced ? 'forced' : 'stopped', data.at, `${outcome}${said}`);
}

const STOP_OUTCOMES: Record<StopReason, string> = {
  drain_complete: 'stopped once idle',
  drain_deadline: 'stopped by force at the deadline',
  operator: 'stopped by an operator',
};

function lostOutcome(data: RunnerLostData): string {
  return data.reason === 'stop_timeout'
    ? 'lost: it did not disconnect within the stop grace period'
    : 'lost: its heartbeats stopped';
}

function ended(
  latest: DrainRow,
  position: bigint,
  phase: 'stopped' | 'forced' | 'lost' | 'undrained',
  at: string,
  outcome: string,
): DrainRow {
  return { ...latest, phase, endedAt: canonicalTime(at), outcome, updatedPosition: position };
}
