import { setTimeout as sleep } from 'node:timers/promises';
import { type DrainView, FINISHED_DRAIN_STATES } from '@rollcall/contracts';
import { DrainsReply } from '../http/api-replies';
import type { ApiTarget } from '../http/api-target';
import { getApiJson } from '../http/get-api-json';
import type { DrainProgress } from '../output/drain-progress';
import { DrainWaitTimeoutError } from './drain-wait-timeout-error';

export interface WaitForDrainsOptions {
  api: ApiTarget;
  namespace: string;
  /** The drains to follow (their ids, as the drain request answered them). */
  ids: readonly string[];
  /** Give up after this many seconds. */
  timeoutSeconds: number;
  progress: DrainProgress;
  /** Between two reads of the drains view. @default 500 */
  pollMs?: number;
}

const FINISHED: ReadonlySet<string> = new Set(FINISHED_DRAIN_STATES);

/**
 * Reads the drains view until every drain has finished (stopped, forced, lost or undrained), showing each
 * read through `progress`. Returns the finished drains; stops early, returning what it last read, when the
 * CLI is interrupted.
 * @throws DrainWaitTimeoutError naming each drain still in progress and what it waits for
 */
export async function waitForDrains({
  api,
  namespace,
  ids,
  timeoutSeconds,
  progress,
  pollMs = 500,
}: WaitForDrainsOptions): Promise<DrainView[]> {
  const giveUpAt = Date.now() + timeoutSeconds * 1000;
  let drains: DrainView[] = [];
  for (;;) {
    if (api.signal.aborted) return drains;
    ({ drains } = await getApiJson(
      api,
      `/v1/namespaces/${namespace}/drains`,
      { id: ids.join(',') },
      DrainsReply,
    ));
    const shown = new Set(drains.map((drain) => drain.id));
    const pending = ids.filter((id) => !shown.has(id));
    await progress.update(drains, pending);
    const inProgress = drains.filter((drain) => !FINISHED.has(drain.state));
    if (inProgress.length === 0 && pending.length === 0) return drains;
    if (Date.now() >= giveUpAt) throw new DrainWaitTimeoutError(timeoutSeconds, inProgress, pending);
    await sleep(Math.min(pollMs, Math.max(0, giveUpAt - Date.now())), undefined, {
      signal: api.signal,
    }).catch(() => undefined);
  }
}
