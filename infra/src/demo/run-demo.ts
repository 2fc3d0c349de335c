import { setTimeout as sleep } from 'node:timers/promises';
import type { NatsConnection } from '@nats-io/transport-node';
import { CatalogVersionView, PoolView, type Version } from '@rollcall/contracts';
import type { Log } from '../log';
import { type ApiClient, apiClient } from './api-client';
import { demoArtifact, planDemo } from './demo-plan';
import { abortLeftoverRollouts, awaitRollout, followRollout } from './demo-rollouts';
import {
  DEMO_NAMESPACE,
  DEMO_POOL,
  DEMO_SERVERS,
  DEMO_TIMINGS,
  type DemoTimings,
  demoPoolConfig,
} from './demo-settings';
import { demoOperatorToken } from './operator-token';
import { startFleet } from './start-fleet';

export interface RunDemoOptions {
  /** The api, e.g. `http://127.0.0.1:8080`; the dashboard is at its root. */
  apiUrl: string;
  /** The bootstrap admin token: configures the pool, publishes, makes the operator token. */
  adminToken: string;
  /** To ask the launchers for the first placement. */
  nc: NatsConnection;
  prefix: string;
  say: Log;
  /** Aborting stops the demo at its next step (what it started keeps running until the services stop). */
  signal: AbortSignal;
  /** Shorter waits for tests. */
  timings?: Partial<DemoTimings>;
  clock?: () => Date;
}

const pools = `/v1/namespaces/${DEMO_NAMESPACE}/pools/${DEMO_POOL}`;

/**
 * The demo on a running stack, through the public HTTP API and the launchers' NATS subjects only: configures
 * pool `web` in namespace `demo` for automatic rolling upgrades, starts version N on the three local
 * servers, then publishes N+1 and follows the rollout that moves them, one line per step.
 */
export async function runDemo(options: RunDemoOptions): Promise<void> {
  const { say, signal } = options;
  const timings = { ...DEMO_TIMINGS, ...options.timings };
  const clock = options.clock ?? (() => new Date());
  const began = Date.now();
  const since = () => `${((Date.now() - began) / 1000).toFixed(1)} s`;
  const api = apiClient({ baseUrl: options.apiUrl, token: options.adminToken, signal });

  const token = await demoOperatorToken(api, options.adminToken, clock());
  const tokenLine =
    token.kind === 'operator'
      ? `operator token for namespace ${DEMO_NAMESPACE} (${token.name}): ${token.token}`
      : `admin token (this api has no POST /v1/tokens to make an operator one): ${token.token}`;
  const dashboard = `${options.apiUrl}/?ns=${DEMO_NAMESPACE}`;
  say(`watch it in the dashboard: ${dashboard}`);
  say(tokenLine);

  // Auto-upgrade stays off for the first placement: publishing the first version must not look for a fleet
  // to roll before there is one.
  const { healthyWindowSeconds } = timings;
  const config = demoPoolConfig({ autoUpgrade: false, healthyWindowSeconds });
  const plan = planDemo(await api('PUT', `${pools}/config`, PoolView, config));
  say(
    `pool ${DEMO_POOL} configured: drain on upgrade (${config.drainTimeoutSeconds} s), rolling one server at a time, healthy after ${healthyWindowSeconds} s`,
  );
  await abortLeftoverRollouts(api, { say, signal, timings });

  if (plan.publishFrom) await publish(api, plan.from, say);
  say(`starting version ${plan.from} on ${DEMO_SERVERS.join(', ')} through their launchers`);
  const runners = await startFleet({
    api,
    nc: options.nc,
    prefix: options.prefix,
    version: plan.from,
    timeoutMs: timings.connectTimeoutMs,
    pollMs: timings.pollMs,
    signal,
  });
  say(`version ${plan.from} serving at ${since()}: ${[...runners.values()].join(', ')}`);

  say(`version ${plan.to} comes out in ${Math.round(timings.pauseBeforeUpgradeMs / 1000)} s`);
  await sleep(timings.pauseBeforeUpgradeMs, undefined, { signal });
  await api('PUT', `${pools}/config`, PoolView, demoPoolConfig({ autoUpgrade: true, healthyWindowSeconds }));
  say(`auto-upgrade on for pool ${DEMO_POOL}: a newer version rolls out by itself`);
  await publish(api, plan.to, say);
  const rollout = await awaitRollout(api, plan.to, { say, signal, timings });
  say(`${await followRollout(api, rollout, { say, signal, timings })} at ${since()}`);
  say(`dashboard: ${dashboard}; ${tokenLine}`);
}

async function publish(api: ApiClient, version: Version, say: Log): Promise<void> {
  const artifact = demoArtifact(version);
  await api('POST', `${pools}/versions`, CatalogVersionView, {
    version,
    build: `demo-${version}`,
    artifact,
  });
  say(`published ${DEMO_POOL} version ${version} (${artifact})`);
}
