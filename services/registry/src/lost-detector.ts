import { setTimeout as sleep } from 'node:timers/promises';
import type { JetStreamManager } from '@nats-io/jetstream';
import { type EventLogDatabase, whileHoldingAdvisoryLock } from '@rollcall/eventlog';
import { silentWorkers } from '@rollcall/projections';
import { type Logger, withCorrelation } from '@rollcall/service-kit';
import type { Kysely } from 'kysely';
import { oldestUnhandledMessage } from './ingest-clock';
import type { PoolCommandHandler } from './pool-command-handler';
import type { RegistryMetrics } from './registry-metrics';

/** Who marks runners lost, in event metadata. */
export const LOST_DETECTOR_ACTOR = 'rollcall:registry';

export interface LostDetectorOptions {
  db: Kysely<EventLogDatabase>;
  /** For the advisory lock's own session. */
  connectionString: string;
  jsm: JetStreamManager;
  /** The ingest stream, whose backlog holds detection back. */
  stream: string;
  commands: PoolCommandHandler;
  clock: () => Date;
  logger: Logger;
  metrics: RegistryMetrics;
  signal: AbortSignal;
  /** A runner silent for longer than this is lost: missed heartbeats times the heartbeat interval. */
  silenceMs: number;
  /** Time between sweeps. */
  sweepIntervalMs: number;
  /** How often a standby asks for the lock. @default 5000 */
  lockRetryMs?: number;
  /** Runners marked per sweep at most; the rest wait for the next. @default 1000 */
  batchSize?: number;
}

const LOCK_NAME = 'rollcall:registry:lost-detector';

/**
 * Marks runners lost (MarkLost -> RunnerLost) once they have been silent for `silenceMs`, in one replica
 * at a time (a Postgres advisory lock; the others stand by). Silence is measured against the ingest stream
 * as well as the clock: while runner messages wait unhandled (a registry outage, a backlog), a runner
 * whose heartbeat is among them is not declared lost. Resolves once `signal` aborted.
 */
export async function runLostDetector(options: LostDetectorOptions): Promise<void> {
  const { signal } = options;
  const log = options.logger.child({ task: 'lost-detector' });
  await whileHoldingAdvisoryLock(
    {
      connectionString: options.connectionString,
      name: LOCK_NAME,
      signal,
      logger: log,
      ...(options.lockRetryMs === undefined ? {} : { retryMs: options.lockRetryMs }),
    },
    async (held) => {
      while (!held.aborted) {
        try {
          await sweep(options, log);
        } catch (error) {
          if (!held.aborted) log.warn({ err: error }, 'lost-runner sweep failed; trying again next time');
        }
        await sleep(options.sweepIntervalMs, undefined, { signal: held }).catch(() => {});
      }
    },
  );
}

async function sweep(options: LostDetectorOptions, log: Logger): Promise<void> {
  const { db, commands, clock, metrics, silenceMs } = options;
  const now = clock();
  const backlogSince = await oldestUnhandledMessage(options.jsm, options.stream);
  const reference = backlogSince !== null && backlogSince < now ? backlogSince : now;
  if (now.getTime() - reference.getTime() > silenceMs) {
    log.warn(
      { unhandledSince: reference.toISOString() },
      'runner messages wait unhandled; lost detection counts silence from the oldest of them',
    );
  }
  const silent = await silentWorkers(db, {
    silentSince: new Date(reference.getTime() - silenceMs),
    limit: options.batchSize ?? 1000,
  });
  for (const runner of silent) {
    const { lastSeenAt } = runner;
    const outcome = await commands.handle(
      {
        type: 'MarkLost',
        data: {
          namespace: runner.namespace,
          pool: runner.pool,
          runnerId: runner.runnerId,
          reason: 'missed_heartbeats',
          lastSeenAt,
        },
        metadata: { now, actor: LOST_DETECTOR_ACTOR },
      },
      // The same silence judged twice (a sweep retried, a new lock holder) is one decision.
      {
        key: `lost|${runner.namespace}|${runner.runnerId}|${lastSeenAt}`,
        causationId: `lost-detector:${lastSeenAt}`,
      },
    );
    if (outcome.kind === 'appended') {
      metrics.runnersLost.inc();
      withCorrelation(log, { runnerId: runner.runnerId, eventId: outcome.eventIds[0] }).warn(
        { namespace: runner.namespace, pool: runner.pool, lastSeenAt },
        'runner lost: missed its heartbeats',
      );
    }
  }
}
