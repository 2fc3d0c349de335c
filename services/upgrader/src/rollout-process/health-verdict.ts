import type { RunnerId } from '@rollcall/contracts';
import type { PoolState } from '@rollcall/domain';

export type HealthVerdict =
  | Readonly<{ kind: 'healthy' }>
  | Readonly<{ kind: 'unhealthy'; why: string }>
  | Readonly<{ kind: 'waiting' }>;

export type HealthWatch = Readonly<{
  pool: PoolState;
  runnerIds: readonly RunnerId[];
  /** When the launchers answered the start (the window counts from there). */
  startedAt: number;
  windowMs: number;
  /** How long a started runner has to connect before the target is judged unhealthy. */
  connectTimeoutMs: number;
  now: number;
}>;

/**
 * The health gate of a target's new runners, judged on the pool's state: each must connect and then stay
 * live (not stopped, stopping or lost) for the whole window, counted from its own connect and never ending
 * before the rollout's `healthyAt`. One that goes away fails the target at once; one that does not connect
 * within the connect timeout (or the window, if longer) fails it too.
 */
export function judgeHealth(watch: HealthWatch): HealthVerdict {
  const { pool, runnerIds, startedAt, windowMs, now } = watch;
  if (runnerIds.length === 0) return { kind: 'unhealthy', why: 'no runner was started' };
  let settled = now >= startedAt + windowMs;
  for (const runnerId of runnerIds) {
    const runner = pool.status === 'open' ? pool.runners.get(runnerId) : undefined;
    if (runner === undefined) {
      const deadline = startedAt + Math.max(windowMs, watch.connectTimeoutMs);
      if (now >= deadline) {
        return {
          kind: 'unhealthy',
          why: `runner ${runnerId} did not connect within ${Math.round((deadline - startedAt) / 1000)} s of its start`,
        };
      }
      settled = false;
      continue;
    }
    if (runner.status === 'stopped' || runner.status === 'stopping' || runner.status === 'lost') {
      return { kind: 'unhealthy', why: `runner ${runnerId} is ${runner.status} within the health window` };
    }
    if (now < Date.parse(runner.connectedAt) + windowMs) settled = false;
  }
  return settled ? { kind: 'healthy' } : { kind: 'waiting' };
}
