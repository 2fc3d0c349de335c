import { setTimeout as sleep } from 'node:timers/promises';
import { RolloutId, RolloutListReply, RolloutView, type Version } from '@rollcall/contracts';
import { z } from 'zod';
import type { Log } from '../log';
import { WaitTimeoutError } from '../wait-timeout-error';
import type { ApiClient } from './api-client';
import { ApiError } from './api-error';
import { DEMO_NAMESPACE, DEMO_POOL, type DemoTimings } from './demo-settings';
import { rolloutNews, rolloutSummary } from './rollout-news';

export interface RolloutStepOptions {
  say: Log;
  signal: AbortSignal;
  timings: DemoTimings;
}

const rollouts = `/v1/namespaces/${DEMO_NAMESPACE}/rollouts`;

/** The 409 of a start while another rollout holds the pool names that one. */
const RolloutInFlightReply = z.object({ error: z.literal('rollout_in_flight'), rolloutId: RolloutId });

/**
 * A rollout an earlier run left in flight (stopped mid-way) would hold the pool and keep the new version
 * from rolling: it is aborted, and given a while to end.
 */
export async function abortLeftoverRollouts(
  api: ApiClient,
  { say, signal, timings }: RolloutStepOptions,
): Promise<void> {
  const { rollouts: leftover } = await api(
    'GET',
    `${rollouts}?pool=${DEMO_POOL}&active=true`,
    RolloutListReply,
  );
  for (const { rolloutId, version } of leftover) {
    await api('POST', `${rollouts}/${rolloutId}/abort`, RolloutView, {
      reason: 'the demo starts over; this rollout was left over from an earlier run',
    });
    say(`aborted rollout ${rolloutId} to version ${version}, left over from an earlier run`);
    const deadline = Date.now() + timings.staleRolloutTimeoutMs;
    while ((await api('GET', `${rollouts}/${rolloutId}`, RolloutView)).outcome === null) {
      if (Date.now() > deadline) {
        say(`rollout ${rolloutId} has not ended yet; going on`);
        break;
      }
      await sleep(timings.pollMs, undefined, { signal });
    }
  }
}

/**
 * The rollout to `version`: the one auto-upgrade starts by itself once the version is published, or, when
 * none shows up within `autoRolloutWaitMs` (auto-upgrade off somewhere), one started through the API with the
 * pool's rollout defaults.
 */
export async function awaitRollout(
  api: ApiClient,
  version: Version,
  { say, signal, timings }: RolloutStepOptions,
): Promise<RolloutId> {
  const deadline = Date.now() + timings.autoRolloutWaitMs;
  for (;;) {
    const { rollouts: found } = await api('GET', `${rollouts}?pool=${DEMO_POOL}`, RolloutListReply);
    const auto = found.find((rollout) => rollout.version === version);
    if (auto !== undefined) {
      say(`rollout ${auto.rolloutId} to version ${version} started by ${auto.startedBy}`);
      return auto.rolloutId;
    }
    if (Date.now() > deadline) break;
    await sleep(timings.pollMs, undefined, { signal });
  }
  const waited = `${Math.round(timings.autoRolloutWaitMs / 1000)} s`;
  try {
    const started = await api(
      'POST',
      `/v1/namespaces/${DEMO_NAMESPACE}/pools/${DEMO_POOL}/rollouts`,
      RolloutView,
      {
        version,
      },
    );
    say(`no automatic rollout within ${waited}: started rollout ${started.rolloutId} through the API`);
    return started.rolloutId;
  } catch (error) {
    const inFlight =
      error instanceof ApiError && error.status === 409
        ? RolloutInFlightReply.safeParse(error.body)
        : undefined;
    if (inFlight?.success !== true) throw error;
    // Auto-upgrade won the race between the last read and the start, or another rollout holds the pool.
    const holder = await api('GET', `${rollouts}/${inFlight.data.rolloutId}`, RolloutView);
    if (holder.version !== version) {
      throw new Error(
        `rollout ${holder.rolloutId} to version ${holder.version} holds pool ${DEMO_POOL}: version ${version} cannot roll out until it ends`,
      );
    }
    say(`rollout ${holder.rolloutId} to version ${version} started by ${holder.startedBy}`);
    return holder.rolloutId;
  }
}

/** Prints each target's start and result as they land; resolves with the summary once the rollout ended. */
export async function followRollout(
  api: ApiClient,
  rolloutId: RolloutId,
  { say, signal, timings }: RolloutStepOptions,
): Promise<string> {
  const deadline = Date.now() + timings.rolloutTimeoutMs;
  let previous: RolloutView | undefined;
  for (;;) {
    const current = await api('GET', `${rollouts}/${rolloutId}`, RolloutView);
    for (const line of rolloutNews(previous, current)) say(line);
    if (current.outcome !== null) return rolloutSummary(current);
    if (Date.now() > deadline) {
      throw WaitTimeoutError.after(timings.rolloutTimeoutMs, `rollout ${rolloutId} to finish`);
    }
    previous = current;
    await sleep(timings.pollMs, undefined, { signal });
  }
}
