import { migrateReadModels } from '@rollcall/projections';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configurePool } from './testing/operator-commands';
import { rawRunner } from './testing/raw-runner';
import { poolEvents, type StoredPoolEvent, untilIngested, untilProjected } from './testing/registry-probes';
import { startTestRegistry } from './testing/start-test-registry';

// Two registry replicas, each with its own NATS connection, Postgres pool and cache, share the ingest
// consumer and race on one pool while runners of ever newer versions connect (each one twice).

const database = useTestDatabase();
const nats = useTestNats();
const replicas: Awaited<ReturnType<typeof startTestRegistry>>[] = [];

const ns = 'race';
const VERSIONS = 40;

beforeAll(async () => {
  await migrateReadModels(database.db);
  // A few messages in hand each, so both keep pulling from the shared consumer.
  for (let i = 0; i < 2; i++)
    replicas.push(await startTestRegistry(database, nats, { ingestConcurrency: 4 }));
});

afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.stop()));
});

async function handledBy(replica: (typeof replicas)[number]): Promise<number> {
  const metric = await replica.metrics.getSingleMetric('rollcall_ingest_messages_total')?.get();
  return (metric?.values ?? []).reduce((sum, value) => sum + value.value, 0);
}

/**
 * Architecture rule 2, read back from the log: whenever a runner registers, every runner of an older version
 * registered before it is no longer active once that transaction is committed.
 */
function olderStillActiveAfterNewer(events: readonly StoredPoolEvent[]): string[] {
  const active = new Map<string, number>();
  const violations: string[] = [];
  const transactions = new Map<bigint, StoredPoolEvent[]>();
  for (const stored of events)
    transactions.set(stored.transactionId, [...(transactions.get(stored.transactionId) ?? []), stored]);
  for (const transaction of transactions.values()) {
    const before = new Map(active);
    let registered: { runnerId: string; version: number } | undefined;
    for (const { event } of transaction) {
      if (event.type === 'RunnerConnected') {
        active.set(event.data.runnerId, event.data.version);
        registered = event.data;
      } else if ('runnerId' in event.data && event.type !== 'VersionClaimRefused') {
        active.delete(event.data.runnerId);
      }
    }
    if (registered === undefined) continue;
    for (const [runnerId, version] of before) {
      if (version < registered.version && active.has(runnerId)) {
        violations.push(
          `${runnerId} (v${version}) still active after ${registered.runnerId} (v${registered.version})`,
        );
      }
    }
  }
  return violations;
}

describe('two registry replicas racing on one pool', () => {
  it('register every runner once and drain every older runner at most once, atomically', async () => {
    await configurePool(database.db, { namespace: ns, pool: 'web' }, { maxVersionStep: 1000 });
    const runner = rawRunner(nats.nc, nats.prefix, ns);
    // All at once: the replicas take them as they come, in whatever order and interleaving.
    await Promise.all(
      Array.from({ length: VERSIONS }, async (_, i) => {
        const version = i + 1;
        const message = { runnerId: `r-${version}`, pool: 'web', version, serverId: `host-${version % 3}` };
        await runner.publish('connected', message, `r-${version}-first`);
        // A reconnect with the same content under another message id: a repeat, not a second runner.
        await runner.publish('connected', message, `r-${version}-again`);
      }),
    );
    await untilIngested(nats.nc, replicas[0]?.registry.ingestStream ?? '');

    const events = await poolEvents(database.db, ns, 'web');
    const registrations = events.flatMap(({ event }) =>
      event.type === 'RunnerConnected' ? [event.data.runnerId] : [],
    );
    expect(registrations.sort()).toEqual(Array.from({ length: VERSIONS }, (_, i) => `r-${i + 1}`).sort());

    const drains = events.flatMap(({ event }) =>
      event.type === 'RunnerDrainRequested' ? [event.data.runnerId] : [],
    );
    expect(new Set(drains).size).toBe(drains.length);
    expect(drains).not.toContain(`r-${VERSIONS}`);
    expect(olderStillActiveAfterNewer(events)).toEqual([]);

    const counts = await Promise.all(replicas.map(handledBy));
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(2 * VERSIONS);
    expect(counts.every((count) => count > 0)).toBe(true);

    // The newest runner is available; every runner older than it that registered before it is drained.
    await untilProjected(database.db);
    const reply = await nats.nc.request(
      `${nats.prefix}.v1.${ns}.query.workers`,
      JSON.stringify({ pool: 'web' }),
    );
    const rows = reply.json<{ workers: { runnerId: string; available: boolean; draining: boolean }[] }>()
      .workers;
    expect(rows).toHaveLength(VERSIONS);
    expect(rows.find((row) => row.runnerId === `r-${VERSIONS}`)).toMatchObject({ available: true });
    expect(
      rows
        .filter((row) => row.draining)
        .map((row) => row.runnerId)
        .sort(),
    ).toEqual([...drains].sort());
  });
});
