import { poolStream, type RolloutRef, rolloutStream } from '@rollcall/contracts';
import { initialRolloutState, nextActions, PoolCommandError, RolloutCommandError } from '@rollcall/domain';
import { foldRolloutStream, type LoadedRollout } from '@rollcall/rollout-commands';
import { withCorrelation } from '@rollcall/service-kit';
import { actionKey, carryOut } from './carry-out';
import type { StepContext } from './step-context';

export type DriveDeps = Omit<StepContext, 'rollout' | 'pool'> & {
  /** Actions that failed rest until then (epoch ms), by `<rolloutId>|<actionKey>`, so a failing launcher is not hammered. */
  readonly resting: Map<string, { until: number; failures: number }>;
  /**
   * Rollout states between turns, by stream name, so a turn reads only what was appended since: a rollout
   * of many targets is not folded from its start on every tick.
   */
  readonly rollouts: Map<string, LoadedRollout>;
  /** Aborts when this replica stops leading: a turn ends after its in-flight action. */
  readonly held: AbortSignal;
};

/** Most actions one turn carries out: a bound, in case the log keeps changing under a turn. */
const MAX_ACTIONS_PER_TURN = 100;

/**
 * One turn of the process manager for a rollout: read it and its pool, carry out each action `nextActions`
 * lists, and read them again after each, so a target goes through every step it can take now (back-up,
 * start request, launch) in one turn; each action at most once per turn.
 */
export async function driveRollout(deps: DriveDeps, ref: RolloutRef): Promise<void> {
  const logger = withCorrelation(deps.logger, { correlationId: ref.rolloutId }).child({
    rolloutId: ref.rolloutId,
  });
  const tried = new Set<string>();
  for (let carried = 0; carried < MAX_ACTIONS_PER_TURN && !deps.held.aborted; carried += 1) {
    const rollout = await catchUpRollout(deps, ref);
    if (rollout.status === 'empty') return;
    const { state: pool } = await deps.pools.catchUp(poolStream(rollout.namespace, rollout.pool));
    const now = deps.clock();
    const action = nextActions(rollout, now).find((candidate) => {
      const key = actionKey(candidate);
      const rest = deps.resting.get(`${rollout.rolloutId}|${key}`);
      return !tried.has(key) && (rest === undefined || rest.until <= now.getTime());
    });
    if (action === undefined) return;
    const key = actionKey(action);
    tried.add(key);
    const restKey = `${rollout.rolloutId}|${key}`;
    try {
      await carryOut({ ...deps, logger, rollout, pool }, action);
      deps.resting.delete(restKey);
    } catch (error) {
      const failures = (deps.resting.get(restKey)?.failures ?? 0) + 1;
      const restMs = Math.min(30_000, 500 * 2 ** (failures - 1));
      deps.resting.set(restKey, { until: deps.clock().getTime() + restMs, failures });
      // A refusal means the rollout moved under this turn (an operator paused it, another step won): the
      // next turn decides on the new state. Anything else is a failure of a launcher or the database.
      const refused = error instanceof RolloutCommandError || error instanceof PoolCommandError;
      logger[refused ? 'info' : 'warn'](
        {
          err: error,
          action: action.kind,
          targetId: 'targetId' in action ? action.targetId : undefined,
          restMs,
        },
        refused
          ? 'rollout step refused; deciding again on the next turn'
          : 'rollout step failed; trying again later',
      );
    }
  }
}

async function catchUpRollout(deps: DriveDeps, { namespace, rolloutId }: RolloutRef) {
  const streamName = rolloutStream(namespace, rolloutId);
  const cached = deps.rollouts.get(streamName) ?? { state: initialRolloutState(), version: 0n };
  const caughtUp = await foldRolloutStream(deps.db, streamName, cached);
  deps.rollouts.set(streamName, caughtUp);
  return caughtUp.state;
}
