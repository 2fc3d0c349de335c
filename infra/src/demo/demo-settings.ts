import type { PoolConfigView } from '@rollcall/contracts';
import type { z } from 'zod';
import { LOCAL_NAMESPACE, LOCAL_SERVERS } from '../services';

/** Where the demo fleet runs: the namespace the local launchers serve, one pool, one runner per server. */
export const DEMO_NAMESPACE = LOCAL_NAMESPACE;
export const DEMO_POOL = 'web';
export const DEMO_SERVERS: readonly string[] = LOCAL_SERVERS;

/**
 * The demo pool's config: older runners drain when a newer version connects (15 s to finish their sessions),
 * a new version rolls out one server at a time (by itself when `autoUpgrade`), each server's new runner
 * healthy for `healthyWindowSeconds` before its old one drains, a failed server rolling the moved ones back.
 */
export function demoPoolConfig(options: { autoUpgrade: boolean; healthyWindowSeconds: number }) {
  return {
    drainOnVersionUpgrade: true,
    drainTimeoutSeconds: 15,
    autoUpgrade: options.autoUpgrade,
    maxVersionStep: 10,
    rolloutDefaults: {
      strategy: { kind: 'rolling', batchSize: 1, maxUnavailable: 1 },
      targetBy: { by: 'server' },
      healthyWindowSeconds: options.healthyWindowSeconds,
      failureThreshold: { kind: 'count', count: 1 },
      autoRollback: true,
    },
  } satisfies z.input<typeof PoolConfigView>;
}

/**
 * What each demo runner is started with (the local launcher's config keys): a session every two seconds
 * lasting a second and a half, so the dashboard shows work and a drain has sessions to wait for, and a
 * heartbeat each second so idle runners are seen and stopped quickly. The upgrader carries it over to the
 * next version's runners.
 */
export const DEMO_RUNNER_CONFIG = { sessionRate: 0.5, sessionMs: 1500, heartbeatMs: 1000 } as const;

/** Timings of the demo, in milliseconds unless named otherwise. */
export const DEMO_TIMINGS = {
  /** How long each server's new runner must stay healthy before its old one drains. */
  healthyWindowSeconds: 3,
  /** How long version 1 serves before version 2 is published: time to look at the dashboard. */
  pauseBeforeUpgradeMs: 8_000,
  /** How long the demo waits for the automatic rollout before it starts one through the API. */
  autoRolloutWaitMs: 5_000,
  /** How long the three runners of a version have to connect. */
  connectTimeoutMs: 30_000,
  /** How long a rollout may take before the demo stops following it (it keeps running). */
  rolloutTimeoutMs: 180_000,
  /** How long a rollout left over from an earlier run may take to end once aborted. */
  staleRolloutTimeoutMs: 30_000,
  /** Pause between two reads while waiting or following a rollout. */
  pollMs: 500,
};
export type DemoTimings = typeof DEMO_TIMINGS;
