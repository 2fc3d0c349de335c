import type { NatsConnection } from '@nats-io/nats-core';
import { type EventLogDatabase, listenForAppends } from '@rollcall/eventlog';
import type { Logger } from '@rollcall/service-kit';
import type { Kysely } from 'kysely';
import type { Registry } from 'prom-client';
import { startAutoUpgrade } from './auto-upgrade/start-auto-upgrade';
import { launcherClient } from './launcher-client';
import { runRolloutProcess } from './rollout-process/run-rollout-process';
import { upgraderMetrics } from './upgrader-metrics';

export interface UpgraderOptions {
  /** The event log's database, migrated with `migrateToLatest`. */
  db: Kysely<EventLogDatabase>;
  /** The same database's URL, for the sessions the advisory lock and LISTEN need. */
  connectionString: string;
  /** Where the launcher requests go. */
  nc: NatsConnection;
  /** The subject prefix (`ROLLCALL_SUBJECT_PREFIX`). */
  prefix: string;
  /** Stamps decisions and tells when health windows have passed. */
  clock: () => Date;
  logger: Logger;
  /** Where the upgrader's metrics are registered; one registry per upgrader. */
  metrics: Registry;
  /** Aborting it stops everything; `stopped` then resolves. */
  signal: AbortSignal;
  /** How often every rollout in flight gets a turn without news from the log, in ms. @default 500 */
  tickMs?: number;
  /** How long a started runner has to connect before its target is unhealthy, in ms. @default 30000 */
  connectTimeoutMs?: number;
  /** How long a launcher may take to answer a start, in ms. @default 30000 */
  launcherStartTimeoutMs?: number;
  /** How long a launcher may take to answer a stop or status, in ms. @default 5000 */
  launcherRequestTimeoutMs?: number;
  /** How often a standby replica asks to lead, in ms. @default 5000 */
  lockRetryMs?: number;
}

export interface RunningUpgrader {
  /** Resolves once every part has stopped after `signal` aborted. */
  readonly stopped: Promise<void>;
}

/**
 * The upgrader's wiring, shared by main.ts and the tests. Until `signal` aborts it runs the rollout process
 * manager (one replica at a time), which carries every rollout in flight through its targets with the
 * launchers, and wakes on the log's append notifications.
 */
export function startUpgrader(options: UpgraderOptions): RunningUpgrader {
  const { db, connectionString, signal, logger } = options;
  const metrics = upgraderMetrics(options.metrics);
  const wake = listenForAppends({
    connectionString,
    signal,
    logger,
    applicationName: 'rollcall-upgrader:listen',
  });
  const launchers = launcherClient({
    nc: options.nc,
    prefix: options.prefix,
    metrics,
    ...(options.launcherStartTimeoutMs === undefined
      ? {}
      : { startTimeoutMs: options.launcherStartTimeoutMs }),
    ...(options.launcherRequestTimeoutMs === undefined
      ? {}
      : { requestTimeoutMs: options.launcherRequestTimeoutMs }),
  });
  const parts: Promise<unknown>[] = [
    runRolloutProcess({
      db,
      connectionString,
      launchers,
      clock: options.clock,
      logger,
      metrics,
      signal,
      wake,
      ...(options.tickMs === undefined ? {} : { tickMs: options.tickMs }),
      ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
      ...(options.lockRetryMs === undefined ? {} : { lockRetryMs: options.lockRetryMs }),
    }),
    startAutoUpgrade({
      db,
      connectionString,
      clock: options.clock,
      logger,
      metrics: options.metrics,
      signal,
      wake,
      ...(options.lockRetryMs === undefined ? {} : { lockRetryMs: options.lockRetryMs }),
    }).stopped,
    wake.closed,
  ];
  logger.info('upgrader started');
  return { stopped: Promise.all(parts).then(() => undefined) };
}
