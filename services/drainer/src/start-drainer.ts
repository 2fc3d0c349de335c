import type { NatsConnection } from '@nats-io/nats-core';
import { type EventLogDatabase, listenForAppends } from '@rollcall/eventlog';
import type { Logger } from '@rollcall/service-kit';
import type { Kysely } from 'kysely';
import type { Registry } from 'prom-client';
import { runDrainProcess } from './drain-process/run-drain-process';
import { drainerMetrics } from './drainer-metrics';
import { startRunnerCommandRelay } from './start-runner-command-relay';

export interface DrainerOptions {
  /** The event log's database, migrated with `migrateToLatest`, `migrateReadModels` and `migrateDrainer`. */
  db: Kysely<EventLogDatabase>;
  /** The same database's URL, for the sessions advisory locks and LISTEN need. */
  connectionString: string;
  nc: NatsConnection;
  /** The subject prefix (`ROLLCALL_SUBJECT_PREFIX`). */
  prefix: string;
  /** Stamps decisions and tells when deadlines are due. */
  clock: () => Date;
  logger: Logger;
  /** Where the drainer's metrics (and its subscriptions') are registered; one registry per drainer. */
  metrics: Registry;
  /** Aborting it stops everything; `stopped` then resolves. */
  signal: AbortSignal;
  /** Seconds a runner told to stop has to disconnect before it is marked lost. @default 30 */
  stopGraceSeconds?: number;
  /** How often a standby replica asks to lead (relay, drain process), in ms. @default 5000 */
  lockRetryMs?: number;
}

export interface RunningDrainer {
  /** Resolves once every part has stopped after `signal` aborted; rejects as soon as a part fails. */
  readonly stopped: Promise<void>;
}

/**
 * The drainer's wiring, shared by main.ts and the tests. Until `signal` aborts it runs
 * 1. the drain process manager: stops draining runners when idle or at their deadline, marks lost those
 *    that do not go after a stop (one replica at a time);
 * 2. the runner-command relay: drain, stop and undrain decisions from the log to the runners' subjects
 *    (one replica at a time).
 * Both wake on the same append notifications.
 */
export function startDrainer(options: DrainerOptions): RunningDrainer {
  const { db, connectionString, signal, logger } = options;
  const lockRetry = options.lockRetryMs === undefined ? {} : { lockRetryMs: options.lockRetryMs };
  const wake = listenForAppends({
    connectionString,
    signal,
    logger,
    applicationName: 'rollcall-drainer:listen',
  });
  const parts = [
    runDrainProcess({
      db,
      connectionString,
      clock: options.clock,
      logger,
      metrics: drainerMetrics(options.metrics),
      signal,
      stopGraceMs: (options.stopGraceSeconds ?? 30) * 1000,
      wake,
      ...lockRetry,
    }),
    startRunnerCommandRelay({
      db,
      connectionString,
      nc: options.nc,
      prefix: options.prefix,
      signal,
      logger,
      metrics: options.metrics,
      wake,
      ...lockRetry,
    }),
    wake.closed,
  ];
  logger.info({ stopGraceSeconds: options.stopGraceSeconds ?? 30 }, 'drainer started');
  return { stopped: Promise.all(parts).then(() => undefined) };
}
