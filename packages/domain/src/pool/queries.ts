import type { RunnerId, ServerId, StopReason } from '@rollcall/contracts';
import { byRunnerId } from './by-runner-id';
import type { PoolRunner } from './runner';
import type { PoolState } from './state';

export function findRunner(state: PoolState, runnerId: RunnerId): PoolRunner | undefined {
  return state.status === 'open' ? state.runners.get(runnerId) : undefined;
}

/** Placement candidates: registered and not draining (architecture rule 2), i.e. status `active`. */
export function availableRunners(state: PoolState): PoolRunner[] {
  if (state.status === 'empty') return [];
  return [...state.runners.values()].filter((runner) => runner.status === 'active').sort(byRunnerId);
}

/** Every runner the pool knows on that server, whatever its status. */
export function runnersOfServer(state: PoolState, serverId: ServerId): PoolRunner[] {
  if (state.status === 'empty') return [];
  return [...state.runners.values()].filter((runner) => runner.serverId === serverId).sort(byRunnerId);
}

export type DueStop = Readonly<{ runnerId: RunnerId; forced: boolean; reason: StopReason }>;

/**
 * Draining runners to stop now: an idle one gracefully (`drain_complete`), a busy one whose deadline has
 * passed by force (`drain_deadline`). Runners already told to stop are not listed again.
 */
export function runnersDueToStop(state: PoolState, now: Date): DueStop[] {
  if (state.status === 'empty') return [];
  const due: DueStop[] = [];
  for (const runner of state.runners.values()) {
    if (runner.status !== 'draining' || runner.drain === null) continue;
    if (runner.idleSince !== null) {
      due.push({ runnerId: runner.runnerId, forced: false, reason: 'drain_complete' });
    } else if (Date.parse(runner.drain.deadline) <= now.getTime()) {
      due.push({ runnerId: runner.runnerId, forced: true, reason: 'drain_deadline' });
    }
  }
  return due.sort(byRunnerId);
}
