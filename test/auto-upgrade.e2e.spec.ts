import { poolStream, RolloutBeganData, RolloutDefaults } from '@rollcall/contracts';
import { readStream } from '@rollcall/eventlog';
import type { ServiceHttp } from '@rollcall/service-kit';
import { eventually, useTestDatabase, useTestNats } from '@rollcall/testkit';
import type { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApi } from './testing/build-test-api';
import { artifactOf, SERVERS, useUpgraderStack } from './testing/use-upgrader-stack';

// Auto-upgrade end to end: the api an operator uses (publish, switches, pool config, a manual rollout), the
// upgrader with its auto-upgrade trigger, and real runner processes under three local launchers. With every
// switch on, publishing a version rolls the pool out by itself, once; with the switch off globally, for the
// namespace or for the pool, publishing starts nothing, and a rollout started by hand still runs.

const namespace = 'acme';
const database = useTestDatabase();
const nats = useTestNats();
const stack = useUpgraderStack(database, nats, namespace);

const TOKEN = 'auto-upgrade-e2e-admin-token-0123456789';
const ROLLOUT_DEFAULTS = RolloutDefaults.parse({
  strategy: { kind: 'all-at-once' },
  healthyWindowSeconds: 1,
});
const CONFIG = { drainOnVersionUpgrade: true, drainTimeoutSeconds: 30, rolloutDefaults: ROLLOUT_DEFAULTS };

let api: ServiceHttp;
let upgrader: { metrics: Registry };

async function call(method: 'POST' | 'PUT', url: string, payload: unknown) {
  const response = await api.inject({
    method,
    url,
    payload: JSON.stringify(payload),
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
  });
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
  return response.json();
}

/** How often the trigger decided `decision` for `why`, from the upgrader's own /metrics registry. */
async function decisions(decision: 'start' | 'skip', why: string): Promise<number> {
  const metric = upgrader.metrics.getSingleMetric('rollcall_auto_upgrade_decisions_total');
  const values = (await metric?.get())?.values ?? [];
  return values.find((value) => value.labels.decision === decision && value.labels.why === why)?.value ?? 0;
}

/** Publishes `version` through the api and waits until the upgrader decided `why` about it. */
async function publishAndAwait(version: number, decision: 'start' | 'skip', why: string): Promise<void> {
  const before = await decisions(decision, why);
  await call('POST', `/v1/namespaces/${namespace}/pools/web/versions`, {
    version,
    build: `b${version}`,
    artifact: artifactOf('web', version),
  });
  await eventually(async () => ((await decisions(decision, why)) > before ? true : undefined), {
    what: `the upgrader deciding ${decision} (${why}) on version ${version}`,
  });
}

async function rolloutsBegun(): Promise<RolloutBeganData[]> {
  const begun: RolloutBeganData[] = [];
  for await (const event of readStream(database.db, { streamName: poolStream(namespace, 'web') })) {
    if (event.type === 'RolloutBegan') begun.push(RolloutBeganData.parse(event.data));
  }
  return begun;
}

async function expectServing(version: number): Promise<void> {
  for (const serverId of SERVERS) expect((await stack.servingOn('web', serverId)).active).toEqual([version]);
}

beforeAll(() => {
  api = buildTestApi(database, nats, { adminToken: TOKEN });
  return api.ready();
});
afterAll(() => api.close());

describe('auto-upgrade across three servers', () => {
  it('rolls a published version out by itself once with every switch on; each off switch stops that, a manual rollout still runs', async () => {
    await stack.seedPool('web', [1], { ...CONFIG, autoUpgrade: true });
    await stack.placeRunners('web', 1);
    upgrader = stack.startUpgrader();

    // Everything on: v2 rolls out by itself, with the pool's defaults, as rollcall:auto-upgrade.
    await publishAndAwait(2, 'start', 'switched_on');
    const [automatic] = await rolloutsBegun();
    expect(automatic).toMatchObject({ version: 2, by: 'rollcall:auto-upgrade' });
    const rollout = await stack.finished(automatic?.rolloutId ?? '');
    expect(rollout).toMatchObject({ outcome: 'completed', startedBy: 'rollcall:auto-upgrade' });
    await expectServing(2);
    expect(await rolloutsBegun()).toHaveLength(1);

    // Off globally: v3 starts nothing; the operator's own rollout of it still runs to the end.
    await call('PUT', '/v1/auto-upgrade', { enabled: false, reason: 'e2e freeze' });
    await publishAndAwait(3, 'skip', 'switched_off_globally');
    expect(await rolloutsBegun()).toHaveLength(1);
    const manual = await call('POST', `/v1/namespaces/${namespace}/pools/web/rollouts`, { version: 3 });
    expect(manual).toMatchObject({ version: 3, startedBy: 'admin' });
    expect(await stack.finished(manual.rolloutId)).toMatchObject({ outcome: 'completed' });
    await expectServing(3);

    // Off for the namespace only: v4 starts nothing.
    await call('PUT', '/v1/auto-upgrade', { enabled: true });
    await call('PUT', `/v1/namespaces/${namespace}/auto-upgrade`, { enabled: false });
    await publishAndAwait(4, 'skip', 'switched_off_for_namespace');

    // Off for the pool only: v5 starts nothing.
    await call('PUT', `/v1/namespaces/${namespace}/auto-upgrade`, { enabled: true });
    await call('PUT', `/v1/namespaces/${namespace}/pools/web/config`, { ...CONFIG, autoUpgrade: false });
    await publishAndAwait(5, 'skip', 'switched_off_for_pool');

    expect((await rolloutsBegun()).map(({ version, by }) => ({ version, by }))).toEqual([
      { version: 2, by: 'rollcall:auto-upgrade' },
      { version: 3, by: 'admin' },
    ]);
    await expectServing(3);
  });
});
