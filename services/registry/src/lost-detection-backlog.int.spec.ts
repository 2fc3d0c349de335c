import { setTimeout as sleep } from 'node:timers/promises';
import { jetstreamManager } from '@nats-io/jetstream';
import { migrateReadModels } from '@rollcall/projections';
import { createLogger } from '@rollcall/service-kit';
import { eventually, useTestDatabase, useTestNats } from '@rollcall/testkit';
import { Registry } from 'prom-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { runLostDetector } from './lost-detector';
import { poolCommandHandler } from './pool-command-handler';
import { registryMetrics } from './registry-metrics';
import { rawRunner } from './testing/raw-runner';
import { poolEvents, summary, untilIngested, untilProjected } from './testing/registry-probes';
import { startTestRegistry } from './testing/start-test-registry';

// After a registry outage the ingest stream holds heartbeats nobody has handled yet. Measured against the
// wall clock alone every runner would look silent; the detector measures against the oldest of them.

const database = useTestDatabase();
const nats = useTestNats();
const ns = 'backlog';
const SILENCE_MS = 1000;
let stream: string;

beforeAll(async () => {
  await migrateReadModels(database.db);
  const replica = await startTestRegistry(database, nats, {
    heartbeatIntervalSeconds: 1,
    missedHeartbeats: 1,
  });
  stream = replica.registry.ingestStream;
  const runner = rawRunner(nats.nc, nats.prefix, ns);
  await runner.publish(
    'connected',
    { runnerId: 'waiting', pool: 'web', version: 1, serverId: 'host-1' },
    'c-1',
  );
  await untilIngested(nats.nc, stream);
  await untilProjected(database.db);
  await replica.stop();
  // The registry is down; the runner goes on heartbeating into the stream.
  await runner.publish('heartbeat', { runnerId: 'waiting', activeSessions: 0 }, 'b-1');
  await sleep(SILENCE_MS * 1.5);
});

/** Runs one lost detector (no ingest) until `until` says stop. */
async function detectWhile(until: () => Promise<boolean>): Promise<void> {
  const stop = new AbortController();
  const logger = createLogger({ service: 'registry-test', level: 'silent' });
  const metrics = registryMetrics(new Registry());
  const detector = runLostDetector({
    db: database.db,
    connectionString: database.url,
    jsm: await jetstreamManager(nats.nc),
    stream,
    commands: poolCommandHandler({ db: database.db, metrics }),
    clock: () => new Date(),
    logger,
    metrics,
    signal: stop.signal,
    silenceMs: SILENCE_MS,
    sweepIntervalMs: 20,
    lockRetryMs: 50,
  });
  try {
    await eventually(async () => ((await until()) ? true : undefined), {
      what: 'the detector to have its say',
    });
  } finally {
    stop.abort();
    await detector;
  }
}

describe('lost detection with unhandled runner messages', () => {
  it('does not declare lost a runner whose heartbeat waits in the stream', async () => {
    let sweeps = 0;
    await detectWhile(async () => {
      sweeps += 1;
      await sleep(50);
      return sweeps >= 10;
    });
    expect(summary(await poolEvents(database.db, ns, 'web'))).toEqual(['RunnerConnected waiting']);
  });

  it('declares it lost once nothing is waiting any more', async () => {
    await (await jetstreamManager(nats.nc)).streams.purge(stream);
    await detectWhile(async () =>
      (await poolEvents(database.db, ns, 'web')).some(({ event }) => event.type === 'RunnerLost'),
    );
    expect(summary(await poolEvents(database.db, ns, 'web'))).toEqual([
      'RunnerConnected waiting',
      'RunnerLost waiting',
    ]);
  });
});
