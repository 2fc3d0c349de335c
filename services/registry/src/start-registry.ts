import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { REGISTRY_CONSUMER_NAME, runnerIngestStreamName } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { startReadModelProjector } from '@rollcall/projections';
import type { Logger } from '@rollcall/service-kit';
import type { Kysely } from 'kysely';
import type { Registry } from 'prom-client';
import { deadLetterRunnerMessage } from './dead-letter-runner-message';
import { ensureIngest } from './ensure-ingest';
import { runnerBatchHandler } from './handle-runner-batch';
import { runnerMessageHandler } from './handle-runner-message';
import { runIngestLoop } from './ingest-loop';
import { heartbeatBatcher } from './liveness/heartbeat-batcher';
import { recordHeartbeats } from './liveness/record-heartbeats';
import { runLostDetector } from './lost-detector';
import { poolCommandHandler } from './pool-command-handler';
import { serveQueries } from './queries/serve-queries';
import { registryMetrics } from './registry-metrics';

export interface RegistryOptions {
  /** The event log's database, migrated with `migrateToLatest` and `migrateReadModels`. */
  db: Kysely<EventLogDatabase>;
  /** The same database's URL, for the sessions advisory locks and LISTEN need. */
  connectionString: string;
  nc: NatsConnection;
  /** The subject prefix (`ROLLCALL_SUBJECT_PREFIX`). */
  prefix: string;
  /** Stamps decisions (connectedAt, drain deadlines, lost-at). */
  clock: () => Date;
  logger: Logger;
  /** Where the registry's metrics (and its subscriptions') are registered; one registry per Registry. */
  metrics: Registry;
  /** Aborting it stops everything; `stopped` then resolves. */
  signal: AbortSignal;
  /** @default runnerIngestStreamName(prefix) */
  ingestStream?: string;
  /** The interval runners heartbeat at, in seconds. @default 5 */
  heartbeatIntervalSeconds?: number;
  /** Heartbeats a runner may miss before it is lost. @default 3 */
  missedHeartbeats?: number;
  /** Time between lost-runner sweeps, in ms. @default the heartbeat interval */
  lostSweepIntervalMs?: number;
  /** How often a standby replica asks for a leader lock (lost detector, projector), in ms. @default 5000 */
  lockRetryMs?: number;
  /** Runner messages in hand at once. @default 16384 */
  ingestConcurrency?: number;
  /** Most runner messages handled together. @default 8192 */
  ingestBatchSize?: number;
  /** Concurrent transactions a batch's appends are shared among. @default 4 */
  ingestWriters?: number;
  /** JetStream copies of the ingest stream. @default 1 */
  streamReplicas?: number;
}

export interface RunningRegistry {
  readonly ingestStream: string;
  /** Resolves once every part has stopped after `signal` aborted; rejects as soon as a part fails. */
  readonly stopped: Promise<void>;
}

/**
 * The registry's wiring, shared by main.ts and the tests: makes the ingest stream and its consumer exist,
 * then runs, until `signal` aborts,
 * 1. the ingest loop: runner messages, in batches, -> pool commands (one optimistic append per pool per
 *    batch) and runner_liveness;
 * 2. the lost detector (one replica at a time);
 * 3. the read-model projector (worker_map, pools; one replica at a time);
 * 4. the NATS query responders (queue group `registry`).
 */
export async function startRegistry(options: RegistryOptions): Promise<RunningRegistry> {
  const { db, nc, prefix, clock, signal, connectionString } = options;
  const logger = options.logger;
  const metrics = registryMetrics(options.metrics);
  const ingestStream = options.ingestStream ?? runnerIngestStreamName(prefix);
  const heartbeatIntervalSeconds = options.heartbeatIntervalSeconds ?? 5;
  const missedHeartbeats = options.missedHeartbeats ?? 3;
  const lockRetry = options.lockRetryMs === undefined ? {} : { lockRetryMs: options.lockRetryMs };

  const jsm = await jetstreamManager(nc);
  await ensureIngest(jsm, {
    stream: ingestStream,
    prefix,
    ...(options.streamReplicas === undefined ? {} : { replicas: options.streamReplicas }),
  });

  const commands = poolCommandHandler({ db, metrics });
  const heartbeats = heartbeatBatcher({ write: (batch) => recordHeartbeats(db, batch) });

  const parts = [
    runIngestLoop({
      js: jetstream(nc),
      stream: ingestStream,
      consumer: REGISTRY_CONSUMER_NAME,
      prefix,
      handler: runnerBatchHandler({
        db,
        commands,
        single: runnerMessageHandler({ db, commands, heartbeats, clock, logger }),
        clock,
        logger,
        ...(options.ingestWriters === undefined ? {} : { writers: options.ingestWriters }),
      }),
      deadLetter: deadLetterRunnerMessage({ db, metrics, logger }),
      metrics,
      logger,
      signal,
      ...(options.ingestConcurrency === undefined ? {} : { concurrency: options.ingestConcurrency }),
      ...(options.ingestBatchSize === undefined ? {} : { maxBatch: options.ingestBatchSize }),
    }),
    runLostDetector({
      db,
      connectionString,
      jsm,
      stream: ingestStream,
      commands,
      clock,
      logger,
      metrics,
      signal,
      silenceMs: missedHeartbeats * heartbeatIntervalSeconds * 1000,
      sweepIntervalMs: options.lostSweepIntervalMs ?? heartbeatIntervalSeconds * 1000,
      ...lockRetry,
    }),
    startReadModelProjector({ db, connectionString, signal, logger, metrics: options.metrics, ...lockRetry }),
    serveQueries({ nc, db, prefix, signal, logger }),
  ];
  logger.info({ ingestStream, heartbeatIntervalSeconds, missedHeartbeats }, 'registry started');

  return { ingestStream, stopped: Promise.all(parts).then(() => undefined) };
}
