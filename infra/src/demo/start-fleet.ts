import { setTimeout as sleep } from 'node:timers/promises';
import type { NatsConnection } from '@nats-io/transport-node';
import { type Version, WorkerMapRow } from '@rollcall/contracts';
import { z } from 'zod';
import { WaitTimeoutError } from '../wait-timeout-error';
import type { ApiClient } from './api-client';
import { demoArtifact, serversServing } from './demo-plan';
import { DEMO_NAMESPACE, DEMO_POOL, DEMO_RUNNER_CONFIG, DEMO_SERVERS } from './demo-settings';
import { startOnServer } from './start-on-server';

const WorkersReply = z.object({ workers: z.array(WorkerMapRow) });

export interface StartFleetOptions {
  api: ApiClient;
  nc: NatsConnection;
  prefix: string;
  version: Version;
  timeoutMs: number;
  pollMs: number;
  signal: AbortSignal;
}

/**
 * A first placement: asks each server's launcher to start one runner of `version` (there is no previous
 * version to roll from, so no rollout is involved), then waits until the worker map shows every one of
 * them active. Returns the runner ids by server.
 */
export async function startFleet(options: StartFleetOptions): Promise<Map<string, string>> {
  const { api, nc, prefix, version, signal } = options;
  const started = await Promise.all(
    DEMO_SERVERS.map(async (serverId) => {
      const runnerId = await startOnServer(nc, {
        prefix,
        namespace: DEMO_NAMESPACE,
        serverId,
        request: {
          pool: DEMO_POOL,
          version,
          artifact: demoArtifact(version),
          // The cache may hold this version from an earlier run in another checkout; fetching it again
          // is cheap for the example runner and never trips on an entry that points elsewhere.
          forceRefresh: true,
          config: { ...DEMO_RUNNER_CONFIG },
        },
      });
      return [serverId, runnerId] as const;
    }),
  );
  const runnerIds = new Map(started);
  const path = `/v1/namespaces/${DEMO_NAMESPACE}/workers?pool=${DEMO_POOL}`;
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const { workers } = await api('GET', path, WorkersReply);
    const serving = serversServing(workers, runnerIds);
    if (serving.length === runnerIds.size) return runnerIds;
    if (Date.now() > deadline) {
      const missing = DEMO_SERVERS.filter((serverId) => !serving.includes(serverId));
      throw WaitTimeoutError.after(options.timeoutMs, `the runners of ${missing.join(', ')} to connect`);
    }
    await sleep(options.pollMs, undefined, { signal });
  }
}
