import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { request } from '@rollcall/bus';
import {
  LauncherStartReply,
  LauncherStartRequest,
  LauncherStatusReply,
  launcherSubject,
  type PoolConfiguredData,
  RolloutEvent,
  rolloutStream,
} from '@rollcall/contracts';
import type { PoolState, Rollout } from '@rollcall/domain';
import { migrateDrainer } from '@rollcall/drainer';
import { readStream } from '@rollcall/eventlog';
import { type Launcher, launcherMetrics, startLauncher } from '@rollcall/launcher';
import { handlePoolCommand, loadPool } from '@rollcall/pool-commands';
import { loadRollout, type StartRolloutRequest, startRollout } from '@rollcall/rollout-commands';
import { createLogger } from '@rollcall/service-kit';
import { eventually, type TestDatabase, type TestNats, useReplicas } from '@rollcall/testkit';
import { startUpgrader } from '@rollcall/upgrader';
import { Registry } from 'prom-client';
import { afterAll, beforeAll } from 'vitest';
import { z } from 'zod';
import { startTestDrainer } from './start-test-drainer';
import { startTestRegistry } from './start-test-registry';

export const SERVERS = ['server-a', 'server-b', 'server-c'] as const;

/** The steps of a target that moves without a hitch, in the order its rollout records them. */
export const TARGET_STEPS = [
  'TargetBackedUp',
  'TargetStartRequested',
  'TargetStarted',
  'TargetHealthy',
  'TargetDrainingOld',
  'TargetCompleted',
] as const satisfies readonly RolloutEvent['type'][];

/** Recorded rollout events, in stream order, with when they were recorded. */
export type TimedRolloutEvent = RolloutEvent & { recordedAt: Date };

export interface UpgraderStack {
  /** Starts an upgrader replica; it stops after the test, or with `shutdown` (a kill mid-rollout). */
  startUpgrader(): { shutdown(): Promise<void>; metrics: Registry };
  /** Configures the pool (draining on upgrade) and publishes its versions as `example-runner:` artifacts. */
  seedPool(pool: string, versions: readonly number[], config?: Partial<PoolConfigured>): Promise<void>;
  /**
   * Starts one runner of the version on each server through its launcher, with `config` (or the server's
   * config from a function of its id); resolves once all are active.
   */
  placeRunners(
    pool: string,
    version: number,
    config?: Record<string, unknown> | ((serverId: string) => Record<string, unknown>),
  ): Promise<string[]>;
  /** The operator's start of a rollout (as the api does it). */
  startRollout(request: Omit<StartRolloutRequest, 'namespace'>): Promise<string>;
  /** Resolves with the rollout once it finished and released its pool. */
  finished(rolloutId: string, timeoutMs?: number): Promise<Rollout>;
  rolloutEvents(rolloutId: string): Promise<TimedRolloutEvent[]>;
  /** Resolves once the rollout has recorded a `type` event of the target, e.g. to step in mid-rollout. */
  targetReached(rolloutId: string, targetId: string, type: RolloutEvent['type']): Promise<void>;
  pool(pool: string): Promise<PoolState>;
  /** The runners a server's launcher lists (its local status, with `state` and `config`). */
  launcherStatus(serverId: string): Promise<LauncherStatusReply>;
  launcher(serverId: string): Launcher;
  /** The versions of the pool's active runners on the server, and the versions its launcher runs. */
  servingOn(pool: string, serverId: string): Promise<Serving>;
  /**
   * Resolves once `servingOn` is `expected`. A runner the pool knows stopped (it announced its stop) may
   * still be listed running by its launcher until its process has exited, a moment later: wait for that.
   */
  settlesOn(pool: string, serverId: string, expected: Serving): Promise<void>;
}

export type Serving = { active: number[]; running: number[] };

type PoolConfigured = Omit<PoolConfiguredData, 'namespace' | 'pool' | 'configuredBy'>;

/**
 * What a rollout goes through, in-process for the calling test file on its database and subject prefix: the
 * registry, the drainer (drain process and runner-command relay), one local launcher per server of SERVERS
 * (real example-runner processes, each launcher with its own state folder), and upgrader replicas per test.
 */
export function useUpgraderStack(database: TestDatabase, nats: TestNats, namespace: string): UpgraderStack {
  // E2E_LOG_LEVEL=info shows what the services did, to follow a failing test.
  const level = z.enum(['silent', 'info', 'debug']).catch('silent').parse(process.env.E2E_LOG_LEVEL);
  const logger = createLogger({ service: 'e2e', level });
  const shutdown = new AbortController();
  const launchers = new Map<string, Launcher>();
  const upgraders = useReplicas();
  let stopped: Promise<unknown> = Promise.resolve();
  let stateDir = '';

  beforeAll(async () => {
    await migrateDrainer(database.db);
    stateDir = await mkdtemp(join(tmpdir(), 'rollcall-rollout-e2e-'));
    const registry = await startTestRegistry(database, nats, {
      logger,
      signal: shutdown.signal,
      options: { heartbeatIntervalSeconds: 1, missedHeartbeats: 10 },
    });
    const drainer = startTestDrainer(database, nats, { logger, signal: shutdown.signal });
    for (const serverId of SERVERS) {
      launchers.set(
        serverId,
        startLauncher({
          nc: nats.nc,
          natsUrl: nats.url,
          prefix: nats.prefix,
          namespace,
          serverId,
          stateDir: join(stateDir, serverId),
          stopGraceMs: 2000,
          logger: logger.child({ serverId }),
          metrics: launcherMetrics(new Registry()),
          clock: () => new Date(),
          signal: shutdown.signal,
        }),
      );
    }
    stopped = Promise.all([registry.stopped, drainer.stopped]);
  });

  afterAll(async () => {
    await upgraders.stopAll();
    shutdown.abort();
    await Promise.all([...launchers.values()].map((launcher) => launcher.stopped));
    await stopped;
    if (stateDir !== '') await rm(stateDir, { recursive: true, force: true });
  });

  const rolloutEvents = async (rolloutId: string): Promise<TimedRolloutEvent[]> => {
    const events: TimedRolloutEvent[] = [];
    for await (const recorded of readStream(database.db, {
      streamName: rolloutStream(namespace, rolloutId),
    })) {
      const event = RolloutEvent.parse({ type: recorded.type, data: recorded.data });
      events.push({ ...event, recordedAt: recorded.recordedAt });
    }
    return events;
  };

  return {
    startUpgrader() {
      const metrics = new Registry();
      const shutdown = upgraders.start((signal) =>
        startUpgrader({
          db: database.db,
          connectionString: database.url,
          nc: nats.nc,
          prefix: nats.prefix,
          clock: () => new Date(),
          logger,
          metrics,
          signal,
          tickMs: 100,
          connectTimeoutMs: 15_000,
          lockRetryMs: 100,
        }),
      );
      return { shutdown, metrics };
    },

    async seedPool(pool, versions, config = {}) {
      const metadata = { now: new Date(), actor: 'operator:e2e' };
      await handlePoolCommand(database.db, {
        type: 'ConfigurePool',
        data: {
          namespace,
          pool,
          drainOnVersionUpgrade: true,
          drainTimeoutSeconds: 30,
          autoUpgrade: false,
          maxVersionStep: 10,
          ...config,
        },
        metadata,
      });
      for (const version of versions) {
        await handlePoolCommand(database.db, {
          type: 'PublishVersion',
          data: { namespace, pool, version, build: `b${version}`, artifact: artifactOf(pool, version) },
          metadata,
        });
      }
    },

    async placeRunners(pool, version, config = {}) {
      const runnerIds: string[] = [];
      for (const serverId of SERVERS) {
        const payload: LauncherStartRequest = {
          pool,
          version,
          artifact: artifactOf(pool, version),
          forceRefresh: false,
          config: { heartbeatMs: 250, ...(typeof config === 'function' ? config(serverId) : config) },
        };
        const reply = await request(nats.nc, {
          subject: launcherSubject(nats.prefix, namespace, serverId, 'start'),
          requestSchema: LauncherStartRequest,
          replySchema: LauncherStartReply,
          payload,
          timeoutMs: 10_000,
        });
        if (!reply.ok) throw new Error(`${serverId} refused a start: ${reply.error.message}`);
        runnerIds.push(reply.runnerId);
      }
      await eventually(
        async () => {
          const state = (await loadPool(database.db, { namespace, pool })).state;
          const active = runnerIds.every(
            (runnerId) => state.status === 'open' && state.runners.get(runnerId)?.status === 'active',
          );
          return active ? true : undefined;
        },
        { what: `${pool} v${version} runners active on every server` },
      );
      return runnerIds;
    },

    async startRollout(rollout) {
      const started = await startRollout(
        database.db,
        { namespace, ...rollout },
        { now: new Date(), actor: 'operator:e2e' },
      );
      return started.rolloutId;
    },

    finished(rolloutId, timeoutMs = 30_000) {
      return eventually(
        async () => {
          const { state } = await loadRollout(database.db, { namespace, rolloutId });
          if (state.status === 'empty' || state.outcome === null) return undefined;
          const pool = (await loadPool(database.db, { namespace, pool: state.pool })).state;
          return pool.status === 'open' && pool.rolloutInFlight === null ? state : undefined;
        },
        { what: `rollout ${rolloutId} finished and its pool released`, timeoutMs },
      );
    },

    rolloutEvents,

    async targetReached(rolloutId, targetId, type) {
      await eventually(
        async () => {
          const events = eventsOfTarget(await rolloutEvents(rolloutId), targetId);
          return events.some((event) => event.type === type) ? true : undefined;
        },
        { what: `${type} of ${targetId} in rollout ${rolloutId}`, timeoutMs: 30_000 },
      );
    },

    async pool(pool) {
      return (await loadPool(database.db, { namespace, pool })).state;
    },

    launcherStatus(serverId) {
      return request(nats.nc, {
        subject: launcherSubject(nats.prefix, namespace, serverId, 'status'),
        requestSchema: z.object({}),
        replySchema: LauncherStatusReply,
        payload: {},
      });
    },

    async servingOn(pool, serverId) {
      const state = (await loadPool(database.db, { namespace, pool })).state;
      const runners = state.status === 'open' ? [...state.runners.values()] : [];
      const status = await this.launcherStatus(serverId);
      return {
        active: runners
          .filter((runner) => runner.serverId === serverId && runner.status === 'active')
          .map((runner) => runner.version),
        running: status.runners
          .filter((runner) => runner.pool === pool && runner.state === 'running')
          .map((runner) => runner.version)
          .sort(),
      };
    },

    async settlesOn(pool, serverId, expected) {
      let last: Serving | undefined;
      await eventually(
        async () => {
          last = await this.servingOn(pool, serverId);
          return isDeepStrictEqual(last, expected) ? true : undefined;
        },
        { what: `${pool} on ${serverId} to serve ${JSON.stringify(expected)}` },
      ).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`${message}; last seen ${JSON.stringify(last)}`, { cause: error });
      });
    },

    launcher(serverId) {
      const launcher = launchers.get(serverId);
      if (launcher === undefined) throw new Error(`no launcher for ${serverId}`);
      return launcher;
    },
  };
}

/** A rollout's events about one target, in order. */
export function eventsOfTarget(events: readonly TimedRolloutEvent[], targetId: string): TimedRolloutEvent[] {
  return events.filter((event) => 'targetId' in event.data && event.data.targetId === targetId);
}

/** The artifact every version of a pool is published with: the local launcher's example runner. */
export function artifactOf(pool: string, version: number): string {
  return `example-runner:${pool}-${version}`;
}
