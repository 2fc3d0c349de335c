import { randomBytes } from 'node:crypto';
import { type EventLogDatabase, headPosition } from '@rollcall/eventlog';
import { readModelDb } from '@rollcall/projections';
import { type Kysely, sql } from 'kysely';
import { type BenchNats, openBenchNats } from './bench-nats';
import { configurePools } from './configure-pools';
import { createIngestStream } from './create-ingest-stream';
import { withFreshLog } from './fresh-log';
import { startInProcessRegistry } from './in-process-registry';
import { type IngestMix, planIngestMix } from './ingest-mix';
import { backendPids, type CpuSeconds, cpuMeter, pidsNamed } from './process-cpu';
import { publishMessages } from './publish-messages';
import { readModelsCaughtUp } from './read-model-lag';
import type { RegistryOptions } from './registry-options';
import { poolOf } from './runner-message';
import { seededRandom } from './seeded-random';
import { waitUntil } from './wait-until';

export interface IngestMeasurement {
  readonly messages: number;
  readonly counts: IngestMix['counts'];
  readonly transitions: number;
  /** JetStream acked publishes of the mix per second (the reference). */
  readonly publishPerSecond: number;
  /** The mix per second from the registry's start until the worker map reflects the last message. */
  readonly ingestPerSecond: number;
  /** Connects per second, until the last connect was committed and acknowledged. */
  readonly connectsPerSecond: number;
  /** The rest (heartbeats, transitions, disconnects) per second, after the connects. */
  readonly heartbeatsPerSecond: number;
  /** From the last message acknowledged to the worker map having folded its event. */
  readonly projectorTailMs: number;
  readonly startupMs: number;
  readonly events: number;
  /** CPU seconds while publishing (this process is the publisher). */
  readonly publishCpu: CpuSeconds;
  /** CPU seconds while ingesting (this process is the registry, its projector included). */
  readonly ingestCpu: CpuSeconds;
}

export class IngestCheckFailedError extends Error {
  override readonly name = 'IngestCheckFailedError';
}

/**
 * One run: a fleet's mix is published into the registry's ingest stream while no registry runs (timed: the
 * JetStream reference), then a registry starts on that backlog and the clock runs until every message is
 * acknowledged (committed) and the read models have folded the log's head. The outcome is checked: one
 * worker-map row per runner, the leavers stopped, every runner's last heartbeat in `runner_liveness`.
 */
export async function measureIngest(
  serverConnectionString: string,
  natsUrl: string,
  options: RegistryOptions,
  log: (line: string) => void,
): Promise<IngestMeasurement> {
  return withFreshLog(serverConnectionString, async ({ connectionString, db }) => {
    const nats = await openBenchNats(natsUrl);
    try {
      return await run(nats, connectionString, db, options, log);
    } finally {
      await nats.close();
    }
  });
}

async function run(
  nats: BenchNats,
  connectionString: string,
  db: Kysely<EventLogDatabase>,
  options: RegistryOptions,
  log: (line: string) => void,
): Promise<IngestMeasurement> {
  const namespace = 'bench';
  const pools = Array.from({ length: options.ingestPools }, (_, p) => poolOf(p, options.ingestPools));
  await configurePools(db, namespace, pools);
  const mix = planIngestMix(
    {
      prefix: nats.prefix,
      namespace,
      runners: options.ingestRunners,
      pools: options.ingestPools,
      heartbeats: options.ingestHeartbeats,
      transitions: options.ingestTransitions,
      disconnects: options.ingestDisconnects,
      runId: randomBytes(4).toString('hex'),
    },
    seededRandom(42),
  );
  const total = mix.messages.length;
  const stream = nats.streamName('RUNNERS');
  await createIngestStream(nats.nc, nats.prefix, stream);
  const fleet = await nats.connection('fleet');
  const natsPids = pidsNamed('nats-server');
  const publishMeter = cpuMeter(natsPids);
  const publishMs = await publishMessages(fleet, mix.messages, options.publishWindow);
  const publishCpu = publishMeter.end([]);
  log(`registry ingest: published ${total} messages in ${(publishMs / 1000).toFixed(2)} s`);

  const headBefore = await headPosition(db);
  const ingestMeter = cpuMeter(natsPids);
  ingestMeter.baseline(await backendPids(db));
  const started = performance.now();
  const registry = await startInProcessRegistry(nats, connectionString);
  const startupMs = performance.now() - started;
  try {
    const settledOf = async (kind?: string) => {
      const byKind = await registry.settled();
      return kind === undefined ? Object.values(byKind).reduce((sum, n) => sum + n, 0) : (byKind[kind] ?? 0);
    };
    const connectsDone = await waitUntil(async () => (await settledOf('connected')) >= mix.counts.connected, {
      what: 'every connect to be committed',
    });
    const allDone = await waitUntil(async () => (await settledOf()) >= total, {
      what: 'every runner message to be committed',
    });
    const projected = await waitUntil(() => readModelsCaughtUp(db), {
      what: 'the worker map to fold the log',
      intervalMs: 2,
    });
    const ingestCpu = ingestMeter.end(await backendPids(db));
    const events = Number((await headPosition(db)) - headBefore);
    await checkOutcome(db, namespace, mix, events);
    const seconds = (ms: number) => ms / 1000;
    return {
      messages: total,
      counts: mix.counts,
      transitions: mix.transitions,
      publishPerSecond: total / seconds(publishMs),
      ingestPerSecond: total / seconds(projected - started),
      connectsPerSecond: mix.counts.connected / seconds(connectsDone - started),
      heartbeatsPerSecond: (total - mix.counts.connected) / seconds(allDone - connectsDone),
      projectorTailMs: projected - allDone,
      startupMs,
      events,
      publishCpu,
      ingestCpu,
    };
  } finally {
    await registry.stop();
  }
}

async function checkOutcome(
  db: Kysely<EventLogDatabase>,
  namespace: string,
  mix: IngestMix,
  events: number,
): Promise<void> {
  const expectedEvents = mix.counts.connected + mix.transitions + mix.counts.disconnected;
  if (events !== expectedEvents) {
    throw new IngestCheckFailedError(
      `the log grew by ${events} events, expected ${expectedEvents} (connects, transitions, disconnects)`,
    );
  }
  const rm = readModelDb(db);
  const workers = await rm
    .selectFrom('worker_map')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .where('namespace', '=', namespace)
    .groupBy('status')
    .execute();
  const byStatus = Object.fromEntries(workers.map((row) => [row.status, row.n]));
  const runners = mix.counts.connected;
  const left = mix.counts.disconnected;
  if (byStatus.active !== runners - left || (byStatus.stopped ?? 0) !== left) {
    throw new IngestCheckFailedError(
      `worker map by status ${JSON.stringify(byStatus)}, expected ${runners - left} active and ${left} stopped`,
    );
  }
  const ids = [...mix.finalSessions.keys()];
  const sessions = [...mix.finalSessions.values()];
  const {
    rows: [mismatch],
  } = await sql<{ n: number }>`
    SELECT count(*)::int AS n
    FROM unnest(${ids}::text[], ${sessions}::int4[]) AS e(runner_id, sessions)
    LEFT JOIN runner_liveness l ON l.namespace = ${namespace} AND l.runner_id = e.runner_id
    LEFT JOIN worker_map w ON w.namespace = ${namespace} AND w.runner_id = e.runner_id
    WHERE l.active_sessions IS DISTINCT FROM e.sessions
      OR (w.status = 'active' AND (w.idle_since IS NULL) <> (e.sessions > 0))`.execute(db);
  if (mismatch?.n !== 0) {
    throw new IngestCheckFailedError(
      `${mismatch?.n} runners' liveness or busy/idle state does not show their last heartbeat`,
    );
  }
}
