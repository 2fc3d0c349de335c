import { setTimeout as sleep } from 'node:timers/promises';
import { RolloutView } from '@rollcall/contracts';
import type { CliIo } from '../cli-io';
import type { ApiTarget } from '../http/api-target';
import { getApiJson } from '../http/get-api-json';
import { writeLine } from '../output/write-line';
import type { RolloutDisplay } from './rollout-display';
import { endedWell, RolloutEndedError } from './rollout-ended-error';
import { RolloutWaitTimeoutError } from './rollout-wait-timeout-error';

export interface FollowRolloutOptions {
  api: ApiTarget;
  namespace: string;
  /** The rollout as last read (shown first). */
  rollout: RolloutView;
  display: RolloutDisplay;
  /** Give up after this many seconds. @default never */
  timeoutSeconds?: number | undefined;
  /** Between two reads of the rollout. @default 500 */
  pollMs?: number;
}

/**
 * Reads the rollout until it has finished, showing each read. Ctrl-C stops following (exit 0: the rollout
 * goes on); a rollout that ended other than completed with every target moved is an error, so a script
 * that waited can tell.
 * @throws RolloutEndedError, RolloutWaitTimeoutError
 */
export async function followRollout(
  io: CliIo,
  { api, namespace, rollout: first, display, timeoutSeconds, pollMs = 500 }: FollowRolloutOptions,
): Promise<RolloutView> {
  const giveUpAt =
    timeoutSeconds === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeoutSeconds * 1000;
  let rollout = first;
  for (;;) {
    await display.show(rollout);
    if (rollout.outcome !== null) break;
    if (api.signal.aborted) {
      await writeLine(io.stderr, `stopped following; rollout ${rollout.rolloutId} goes on`);
      return rollout;
    }
    if (Date.now() >= giveUpAt) throw new RolloutWaitTimeoutError(timeoutSeconds ?? 0, rollout);
    await sleep(Math.min(pollMs, Math.max(0, giveUpAt - Date.now())), undefined, {
      signal: api.signal,
    }).catch(() => undefined);
    if (api.signal.aborted) continue;
    rollout = await getApiJson(
      api,
      `/v1/namespaces/${namespace}/rollouts/${rollout.rolloutId}`,
      {},
      RolloutView,
    );
  }
  if (!endedWell(rollout)) throw new RolloutEndedError(rollout);
  return rollout;
}
