import { listDeadLetters } from '@rollcall/eventlog';
import { migrateReadModels, readModelDb } from '@rollcall/projections';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configurePool, publishVersion } from './testing/operator-commands';
import { rawRunner } from './testing/raw-runner';
import { poolEvents, summary, untilIngested, untilProjected } from './testing/registry-probes';
import { startTestRegistry } from './testing/start-test-registry';

// The registry end to end, through raw NATS JSON only: runners publish by hand on the contract subjects,
// reads go through the NATS query responders, and the log and read models are inspected in Postgres.

const database = useTestDatabase();
const nats = useTestNats();
let replica: Awaited<ReturnType<typeof startTestRegistry>>;

beforeAll(async () => {
  await migrateReadModels(database.db);
  replica = await startTestRegistry(database, nats);
});

afterAll(async () => {
  await replica?.stop();
});

function runnerIn(namespace: string) {
  return rawRunner(nats.nc, nats.prefix, namespace);
}

function connected(runnerId: string, pool: string, version: number, extra: Record<string, unknown> = {}) {
  return { runnerId, pool, version, serverId: 'host-1', ...extra };
}

async function ingested(): Promise<void> {
  await untilIngested(nats.nc, replica.registry.ingestStream);
}

/** A raw NATS request to the registry's query responders, the reply read as plain JSON. */
async function query(namespace: string, name: string, payload: unknown): Promise<Record<string, unknown>> {
  const reply = await nats.nc.request(
    `${nats.prefix}.v1.${namespace}.query.${name}`,
    JSON.stringify(payload),
    {
      timeout: 5000,
    },
  );
  return reply.json<Record<string, unknown>>();
}

async function workers(namespace: string, filter: Record<string, unknown> = {}) {
  await untilProjected(database.db);
  const reply = await query(namespace, 'workers', filter);
  expect(reply.ok).toBe(true);
  return new Map(
    (reply.workers as { runnerId: string; [field: string]: unknown }[]).map((row) => [row.runnerId, row]),
  );
}

async function counter(name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = await replica.metrics.getSingleMetric(name)?.get();
  return (metric?.values ?? [])
    .filter((value) => Object.entries(labels).every(([key, wanted]) => value.labels[key] === wanted))
    .reduce((sum, value) => sum + value.value, 0);
}

describe('a newer version connecting to a pool that drains on upgrade', () => {
  const ns = 'upgrade';
  const pool = { namespace: ns, pool: 'web' };

  it('drains the older runners in the same append as its registration, naming itself supersededBy', async () => {
    await configurePool(database.db, pool, { drainTimeoutSeconds: 600 });
    const runner = runnerIn(ns);
    await runner.publish('connected', connected('web-1', 'web', 1), 'u-1');
    await runner.publish('connected', connected('web-2', 'web', 1, { serverId: 'host-2' }), 'u-2');
    await ingested();
    await runner.publish('connected', connected('web-3', 'web', 2, { build: 'b2', slots: 2 }), 'u-3');
    await ingested();
    await runner.publish('connected', connected('web-4', 'web', 2, { serverId: 'host-2' }), 'u-4');
    await ingested();

    const events = await poolEvents(database.db, ns, 'web');
    expect(summary(events)).toEqual([
      'PoolConfigured',
      'RunnerConnected web-1',
      'RunnerConnected web-2',
      'RunnerConnected web-3',
      'RunnerDrainRequested web-1',
      'RunnerDrainRequested web-2',
      // The same version as web-3: neither drains nor is drained.
      'RunnerConnected web-4',
    ]);
    const [registration, ...drains] = events.slice(3, 6);
    for (const drain of drains) {
      expect(drain.transactionId).toBe(registration?.transactionId);
      expect(drain.event).toMatchObject({
        type: 'RunnerDrainRequested',
        data: { reason: 'version_upgrade', supersededBy: 2, requestedBy: 'rollcall' },
      });
      if (drain.event.type === 'RunnerDrainRequested') {
        const { requestedAt, deadline } = drain.event.data;
        expect(Date.parse(deadline) - Date.parse(requestedAt)).toBe(600_000);
      }
    }
    expect(registration?.event.metadata).toMatchObject({
      causationId: 'u-3',
      runnerId: 'web-3',
      actor: 'runner:web-3',
    });
  });

  it('shows the older runners draining and the newer ones available in the worker map', async () => {
    const rows = await workers(ns, { pool: 'web' });
    for (const drained of ['web-1', 'web-2']) {
      expect(rows.get(drained)).toMatchObject({
        status: 'draining',
        draining: true,
        available: false,
        drain: { reason: 'version_upgrade', supersededBy: 2 },
      });
    }
    for (const newer of ['web-3', 'web-4']) {
      expect(rows.get(newer)).toMatchObject({
        status: 'active',
        draining: false,
        available: true,
        drain: null,
      });
    }
    expect(rows.get('web-3')).toMatchObject({ version: 2, build: 'b2', serverId: 'host-1' });
    const available = await workers(ns, { pool: 'web', available: true });
    expect([...available.keys()].sort()).toEqual(['web-3', 'web-4']);
  });

  it('places sessions only on the newer runners, and answers single-runner and pool queries', async () => {
    const placed = await query(ns, 'place', { pool: 'web' });
    expect(placed.ok).toBe(true);
    expect(['web-3', 'web-4']).toContain((placed.runner as { runnerId: string }).runnerId);

    expect(await query(ns, 'worker', { runnerId: 'web-1' })).toMatchObject({
      ok: true,
      worker: { runnerId: 'web-1', status: 'draining' },
    });
    expect(await query(ns, 'worker', { runnerId: 'nobody' })).toMatchObject({
      ok: false,
      error: { class: 'not_found' },
    });
    expect(await query(ns, 'worker', { runnerId: 'not.an.id' })).toMatchObject({
      ok: false,
      error: { class: 'bad_request', issues: [{ path: 'runnerId' }] },
    });
    const pools = await query(ns, 'pools', {});
    expect(pools).toMatchObject({
      ok: true,
      pools: [
        {
          pool: 'web',
          config: { drainOnVersionUpgrade: true, drainTimeoutSeconds: 600 },
          versionsInService: [
            { version: 1, runners: 2, draining: 2 },
            { version: 2, runners: 2, draining: 0 },
          ],
        },
      ],
    });
  });
  it('shows the worker map as it was before the upgrade, at a past log position', async () => {
    const events = await poolEvents(database.db, ns, 'web');
    const upgrade = events.find(
      ({ event }) => event.type === 'RunnerConnected' && event.data.runnerId === 'web-3',
    );
    const before = ((upgrade?.globalPosition ?? 1n) - 1n).toString();
    const reply = await query(ns, 'workers', { pool: 'web', at: before });
    expect(reply).toMatchObject({ ok: true, at: before });
    const rows = reply.workers as { runnerId: string; status: string }[];
    expect(rows.map((row) => [row.runnerId, row.status])).toEqual([
      ['web-1', 'active'],
      ['web-2', 'active'],
    ]);
    expect(await query(ns, 'workers', { at: 'yesterday' })).toMatchObject({
      ok: false,
      error: { class: 'bad_request', issues: [{ path: 'at' }] },
    });
  });
});

describe('pools that must not be touched', () => {
  const ns = 'untouched';

  it('drains nothing without config, with drain disabled, or in another pool', async () => {
    await configurePool(database.db, { namespace: ns, pool: 'off' }, { drainOnVersionUpgrade: false });
    await configurePool(database.db, { namespace: ns, pool: 'api' });
    await configurePool(database.db, { namespace: ns, pool: 'web' });
    const runner = runnerIn(ns);
    for (const [runnerId, pool, version] of [
      ['plain-1', 'plain', 1],
      ['off-1', 'off', 1],
      ['api-1', 'api', 1],
      ['web-1', 'web', 1],
    ] as const) {
      await runner.publish('connected', connected(runnerId, pool, version), `${runnerId}-c`);
    }
    await ingested();
    for (const [runnerId, pool, version] of [
      ['plain-2', 'plain', 2],
      ['off-2', 'off', 2],
      ['web-7', 'web', 7],
    ] as const) {
      await runner.publish('connected', connected(runnerId, pool, version), `${runnerId}-c`);
    }
    await ingested();

    expect(summary(await poolEvents(database.db, ns, 'plain'))).toEqual([
      'RunnerConnected plain-1',
      'RunnerConnected plain-2',
    ]);
    expect(summary(await poolEvents(database.db, ns, 'off'))).toEqual([
      'PoolConfigured',
      'RunnerConnected off-1',
      'RunnerConnected off-2',
    ]);
    expect(summary(await poolEvents(database.db, ns, 'api'))).toEqual([
      'PoolConfigured',
      'RunnerConnected api-1',
    ]);
    // The configured pool beside them does drain: the others stayed untouched by choice, not by accident.
    expect(summary(await poolEvents(database.db, ns, 'web'))).toEqual([
      'PoolConfigured',
      'RunnerConnected web-1',
      'RunnerConnected web-7',
      'RunnerDrainRequested web-1',
    ]);
    const rows = await workers(ns);
    for (const untouched of ['plain-1', 'off-1', 'api-1']) {
      expect(rows.get(untouched)).toMatchObject({ status: 'active', available: true });
    }
  });
});

describe('duplicates', () => {
  const ns = 'dupes';

  it('register and drain once, whether repeated with the same Nats-Msg-Id, another one, or none', async () => {
    await configurePool(database.db, { namespace: ns, pool: 'web' });
    const runner = runnerIn(ns);
    await runner.publish('connected', connected('d-1', 'web', 1), 'd-1-first');
    await ingested();
    const newer = connected('d-2', 'web', 2, { labels: { zone: 'a', rack: '7' } });
    expect((await runner.publish('connected', newer, 'd-2-first')).duplicate).toBeFalsy();
    expect((await runner.publish('connected', newer, 'd-2-first')).duplicate).toBe(true);
    await runner.publish('connected', newer, 'd-2-again');
    // A runner in another language may order its labels differently: still the same connect.
    await runner.publish('connected', { ...newer, labels: { rack: '7', zone: 'a' } });
    await runner.publish('connected', connected('d-1', 'web', 1), 'd-1-again');
    await ingested();

    expect(summary(await poolEvents(database.db, ns, 'web'))).toEqual([
      'PoolConfigured',
      'RunnerConnected d-1',
      'RunnerConnected d-2',
      'RunnerDrainRequested d-1',
    ]);
  });
});

describe('malformed messages', () => {
  const ns = 'malformed';

  it('are dead-lettered with the field named, counted, and never stop the next message', async () => {
    const runner = runnerIn(ns);
    const before = await counter('rollcall_ingest_invalid_total');
    await runner.publish('connected', new TextEncoder().encode('{"runnerId": "m-1", oops'), 'bad-json');
    await runner.publish('connected', connected('m.1', 'web', 1), 'bad-id');
    await runner.publish('connected', connected('m-1', 'web', 0), 'bad-version-0');
    await runner.publish('connected', connected('m-1', 'web', 2_147_483_648), 'bad-version-max');
    await runner.publish('connected', { runnerId: 'm-1', pool: 'web', version: 1 }, 'bad-missing');
    await runner.publish('heartbeat', { runnerId: 'm-1', activeSessions: -1 }, 'bad-sessions');
    const badNamespace = rawRunner(nats.nc, nats.prefix, 'bad+ns');
    await badNamespace.publish('connected', connected('m-1', 'web', 1), 'bad-subject');
    // No Nats-Msg-Id: keyed by the payload's hash, so the repeat is one row seen twice.
    await runner.publish('disconnected', { reason: 'no id' });
    await runner.publish('disconnected', { reason: 'no id' });
    await runner.publish('connected', connected('m-1', 'web', 1), 'good');
    await ingested();

    expect(summary(await poolEvents(database.db, ns, 'web'))).toEqual(['RunnerConnected m-1']);
    const letters = new Map(
      (await listDeadLetters(database.db))
        .filter((l) => l.source.includes(`.v1.${ns}.`) || l.source.includes('bad+ns'))
        .map((letter) => [letter.key, letter]),
    );
    expect(letters.get('bad-json')?.error).toMatch(/not valid UTF-8 JSON/);
    expect(letters.get('bad-json')?.payload).toBe('{"runnerId": "m-1", oops');
    expect(letters.get('bad-json')?.source).toBe(`nats:${nats.prefix}.v1.${ns}.runner.connected`);
    expect(letters.get('bad-id')?.error).toMatch(/^runnerId: must be 1 to 64 characters/);
    expect(letters.get('bad-version-0')?.error).toBe('version: must be an integer from 1 to 2147483647');
    expect(letters.get('bad-version-max')?.error).toBe('version: must be an integer from 1 to 2147483647');
    expect(letters.get('bad-missing')?.error).toMatch(/^serverId:/);
    expect(letters.get('bad-sessions')?.error).toMatch(/^activeSessions:/);
    expect(letters.get('bad-subject')?.error).toMatch(/^subject: .*bad\+ns/);
    const hashed = [...letters.values()].filter((letter) => letter.source.endsWith('.disconnected'));
    expect(hashed).toHaveLength(1);
    expect(hashed[0]?.key).toMatch(/^[0-9a-f]{64}$/);
    expect(hashed[0]?.count).toBe(2);
    expect(hashed[0]?.error).toMatch(/^runnerId:/);

    expect((await counter('rollcall_ingest_invalid_total')) - before).toBe(9);
    expect(await counter('rollcall_ingest_invalid_total', { kind: 'unknown' })).toBe(1);
  });
});

describe('the version-claim guard', () => {
  const ns = 'claims';

  it('registers a runner claiming far beyond the highest known version but lets it drain nothing', async () => {
    await configurePool(database.db, { namespace: ns, pool: 'web' }, { maxVersionStep: 10 });
    const runner = runnerIn(ns);
    await runner.publish('connected', connected('c-1', 'web', 1), 'c-1');
    await ingested();
    await runner.publish('connected', connected('c-5', 'web', 5), 'c-5');
    await ingested();
    await runner.publish('connected', connected('c-max', 'web', 2_147_483_647), 'c-max');
    await ingested();
    await runner.publish('connected', connected('c-6', 'web', 6), 'c-6');
    await ingested();

    const events = await poolEvents(database.db, ns, 'web');
    expect(summary(events)).toEqual([
      'PoolConfigured',
      'RunnerConnected c-1',
      'RunnerConnected c-5',
      'RunnerDrainRequested c-1',
      'RunnerConnected c-max',
      'VersionClaimRefused c-max',
      // The refused claim did not move the baseline: 6 is within the step of 5 and drains c-5 only.
      'RunnerConnected c-6',
      'RunnerDrainRequested c-5',
    ]);
    expect(events[5]?.event).toMatchObject({
      type: 'VersionClaimRefused',
      data: { version: 2_147_483_647, highestKnownVersion: 5, reason: 'max_version_step_exceeded' },
    });
    const rows = await workers(ns);
    expect(rows.get('c-max')).toMatchObject({ status: 'active', version: 2_147_483_647 });
    expect(rows.get('c-6')).toMatchObject({ status: 'active', available: true });
  });

  it('trusts only published versions once the pool has a catalog', async () => {
    const pool = { namespace: ns, pool: 'catalogued' };
    await configurePool(database.db, pool);
    await publishVersion(database.db, pool, 1);
    await publishVersion(database.db, pool, 3);
    const runner = runnerIn(ns);
    await runner.publish('connected', connected('k-1', 'catalogued', 1), 'k-1');
    await ingested();
    await runner.publish('connected', connected('k-3', 'catalogued', 3), 'k-3');
    await ingested();
    await runner.publish('connected', connected('k-4', 'catalogued', 4), 'k-4');
    await ingested();

    const events = await poolEvents(database.db, ns, 'catalogued');
    expect(summary(events).slice(3)).toEqual([
      'RunnerConnected k-1',
      'RunnerConnected k-3',
      'RunnerDrainRequested k-1',
      'RunnerConnected k-4',
      'VersionClaimRefused k-4',
    ]);
    expect(events.at(-1)?.event).toMatchObject({
      data: { version: 4, highestKnownVersion: 3, reason: 'version_unpublished' },
    });
  });
});

describe('heartbeats', () => {
  const ns = 'beats';

  async function liveness(runnerId: string) {
    return readModelDb(database.db)
      .selectFrom('runner_liveness')
      .selectAll()
      .where('namespace', '=', ns)
      .where('runner_id', '=', runnerId)
      .executeTakeFirstOrThrow();
  }

  it('go to runner_liveness, and only busy <-> idle transitions become events', async () => {
    const runner = runnerIn(ns);
    await runner.publish('connected', connected('h-1', 'web', 1, { slots: 4 }), 'h-c');
    await ingested();
    const atConnect = await liveness('h-1');
    expect(atConnect).toMatchObject({ pool: 'web', active_sessions: 0 });

    for (const [index, activeSessions] of [0, 0, 0, 2, 3, 3, 0, 0].entries()) {
      await runner.publish('heartbeat', { runnerId: 'h-1', activeSessions }, `h-b${index}`);
      await ingested();
    }
    const afterBeats = await liveness('h-1');
    expect(afterBeats.last_seen_at.getTime()).toBeGreaterThan(atConnect.last_seen_at.getTime());
    expect(afterBeats.active_sessions).toBe(0);

    await runner.publish('heartbeat', { runnerId: 'h-1', activeSessions: 1 }, 'h-b8');
    await ingested();
    expect((await liveness('h-1')).active_sessions).toBe(1);
    expect((await workers(ns)).get('h-1')).toMatchObject({ activeSessions: 1, idleSince: null });

    await runner.publish('heartbeat', { runnerId: 'ghost', activeSessions: 1 }, 'ghost-b');
    await runner.publish('disconnected', { runnerId: 'h-1', reason: 'shutting down' }, 'h-d');
    await ingested();

    expect(summary(await poolEvents(database.db, ns, 'web'))).toEqual([
      'RunnerConnected h-1',
      'RunnerBecameBusy h-1',
      'RunnerBecameIdle h-1',
      'RunnerBecameBusy h-1',
      'RunnerStopped h-1',
    ]);
    expect(
      await counter('rollcall_ingest_messages_total', { kind: 'heartbeat', outcome: 'unknown_runner' }),
    ).toBe(1);
    expect((await workers(ns)).get('h-1')).toMatchObject({ status: 'stopped', available: false });
  });
});
