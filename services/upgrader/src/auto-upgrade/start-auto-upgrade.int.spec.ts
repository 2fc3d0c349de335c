import {
  type AutoUpgradeSwitchedData,
  poolStream,
  RolloutBeganData,
  RolloutDefaults,
  settingsEventSchemas,
  settingsStream,
} from '@rollcall/contracts';
import {
  ANY,
  append,
  defineEventRegistry,
  headPosition,
  type RecordedEvent,
  readCheckpoint,
  readStream,
  resetCheckpoint,
} from '@rollcall/eventlog';
import { handlePoolCommand } from '@rollcall/pool-commands';
import { publishVersion } from '@rollcall/pool-commands/testing';
import { startRollout } from '@rollcall/rollout-commands';
import { NOW, type SeedPoolOptions, seedPool } from '@rollcall/rollout-commands/testing';
import { eventually, useTestDatabase } from '@rollcall/testkit';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTO_UPGRADE_SUBSCRIPTION, type RunningAutoUpgrade, startAutoUpgrade } from './start-auto-upgrade';

const database = useTestDatabase();
const registry = new Registry();
let trigger: RunningAutoUpgrade;

const ALL_AT_ONCE = RolloutDefaults.parse({ strategy: { kind: 'all-at-once' } });
const AUTO = { autoUpgrade: true, rolloutDefaults: ALL_AT_ONCE };
const TWO_SERVERS = [
  { serverId: 's1', version: 1 },
  { serverId: 's2', version: 1 },
];

beforeAll(() => {
  trigger = startAutoUpgrade({
    db: database.db,
    connectionString: database.url,
    clock: () => NOW,
    logger: pino({ level: 'silent' }),
    metrics: registry,
    lockRetryMs: 100,
  });
});
afterAll(() => trigger.stop());

/** A pool running version 1 on two servers, with `config` over the controls' defaults, and nothing published. */
function seed(namespace: string, pool: string, config: SeedPoolOptions['config'] = AUTO) {
  return seedPool(database.db, namespace, pool, { published: [], runners: TWO_SERVERS, config });
}

/** Publishes `version` and waits until the trigger has decided on it. */
async function publish(namespace: string, pool: string, version: number): Promise<void> {
  const result = await handlePoolCommand(database.db, publishVersion(namespace, pool, version), {
    metadata: { correlationId: `publish-${pool}-${version}` },
  });
  const [position] = result.positions;
  if (position === undefined) throw new Error(`version ${version} of ${pool} was published before`);
  await decidedUpTo(position);
}

async function decidedUpTo(position: bigint): Promise<void> {
  await eventually(
    async () =>
      ((await readCheckpoint(database.db, AUTO_UPGRADE_SUBSCRIPTION)) ?? -1n) >= position || undefined,
    { what: `the auto-upgrade checkpoint at ${position}` },
  );
}

async function rolloutsBegun(namespace: string, pool: string): Promise<RecordedEvent[]> {
  const begun: RecordedEvent[] = [];
  for await (const event of readStream(database.db, { streamName: poolStream(namespace, pool) })) {
    if (event.type === 'RolloutBegan') begun.push(event);
  }
  return begun;
}

const settingsRegistry = defineEventRegistry(settingsEventSchemas);

/** An operator's flip of a switch, as the api records it. */
async function flip(
  scope: { scope: 'global' } | { scope: 'namespace'; namespace: string },
  enabled: boolean,
): Promise<void> {
  const data: AutoUpgradeSwitchedData = { ...scope, enabled, by: 'alice', at: NOW.toISOString() };
  await append(
    database.db,
    {
      streamName: settingsStream(),
      expectedVersion: ANY,
      events: [
        {
          eventId: crypto.randomUUID(),
          type: 'AutoUpgradeSwitched',
          data,
        },
      ],
    },
    { registry: settingsRegistry },
  );
}

async function decisions(decision: 'start' | 'skip', why: string): Promise<number> {
  const metric = registry.getSingleMetric('rollcall_auto_upgrade_decisions_total');
  const values = (await metric?.get())?.values ?? [];
  return values.find((value) => value.labels.decision === decision && value.labels.why === why)?.value ?? 0;
}

/** A rollout an operator starts by hand while automatic ones are off: it still starts. */
async function expectManualRolloutStarts(namespace: string, pool: string): Promise<void> {
  const manual = await startRollout(
    database.db,
    { namespace, pool, version: 2 },
    { now: NOW, actor: 'alice', correlationId: 'req-manual' },
  );
  expect(manual.started).toBe(true);
  const [began] = await rolloutsBegun(namespace, pool);
  expect(began?.data).toMatchObject({ rolloutId: manual.rolloutId, version: 2, by: 'alice' });
}

describe('with every switch on', () => {
  it('starts exactly one rollout of a newly published version, with the pool defaults, as rollcall:auto-upgrade', async () => {
    await seed('acme', 'web');
    await publish('acme', 'web', 2);
    const begun = await rolloutsBegun('acme', 'web');
    expect(begun).toHaveLength(1);
    expect(begun[0]).toMatchObject({
      data: { version: 2, by: 'rollcall:auto-upgrade', rolloutId: expect.stringMatching(/^auto-v2-/) },
      metadata: { actor: 'rollcall:auto-upgrade', correlationId: 'publish-web-2' },
    });
    expect(await decisions('start', 'switched_on')).toBe(1);
  });

  it('starts nothing when the publish is handled again, even once that rollout has ended', async () => {
    const [began] = await rolloutsBegun('acme', 'web');
    const { rolloutId } = RolloutBeganData.parse(began?.data);
    await handlePoolCommand(database.db, {
      type: 'EndRollout',
      data: { namespace: 'acme', pool: 'web', rolloutId, outcome: 'failed' },
      metadata: { now: NOW, actor: 'rollcall:upgrader' },
    });
    // A redelivery after a crash (or a replay): the checkpoint back to the start of the log.
    const head = await headPosition(database.db);
    await resetCheckpoint(database.db, { consumer: AUTO_UPGRADE_SUBSCRIPTION, position: 0n });
    await decidedUpTo(head);
    expect(await rolloutsBegun('acme', 'web')).toHaveLength(1);
    expect(await decisions('skip', 'already_started')).toBeGreaterThanOrEqual(1);
  });

  it('starts nothing for a version no newer than what the pool runs', async () => {
    await seed('acme', 'api');
    await publish('acme', 'api', 1);
    expect(await rolloutsBegun('acme', 'api')).toEqual([]);
    expect(await decisions('skip', 'version_not_newer')).toBe(1);
  });

  it('starts nothing, and says so, for a pool with auto-upgrade on but no rolloutDefaults', async () => {
    await seed('acme', 'bare', { autoUpgrade: true });
    await publish('acme', 'bare', 2);
    expect(await rolloutsBegun('acme', 'bare')).toEqual([]);
    expect(await decisions('skip', 'rollout_defaults_missing')).toBe(1);
  });
});

describe('the off switch', () => {
  it('off globally: no automatic rollout anywhere, a manual one still starts', async () => {
    await seed('acme', 'search');
    await flip({ scope: 'global' }, false);
    await publish('acme', 'search', 2);
    expect(await rolloutsBegun('acme', 'search')).toEqual([]);
    expect(await decisions('skip', 'switched_off_globally')).toBe(1);
    await expectManualRolloutStarts('acme', 'search');
    await flip({ scope: 'global' }, true);
  });

  it('off for a namespace: no automatic rollout there, one elsewhere, a manual one still starts', async () => {
    await seed('quiet', 'web');
    await seed('busy', 'web');
    await flip({ scope: 'namespace', namespace: 'quiet' }, false);
    await publish('quiet', 'web', 2);
    await publish('busy', 'web', 2);
    expect(await rolloutsBegun('quiet', 'web')).toEqual([]);
    expect(await rolloutsBegun('busy', 'web')).toHaveLength(1);
    expect(await decisions('skip', 'switched_off_for_namespace')).toBe(1);
    await expectManualRolloutStarts('quiet', 'web');
  });

  it('off for the pool: no automatic rollout of it, a manual one still starts', async () => {
    await seed('acme', 'batch', { autoUpgrade: false, rolloutDefaults: ALL_AT_ONCE });
    await publish('acme', 'batch', 2);
    expect(await rolloutsBegun('acme', 'batch')).toEqual([]);
    expect(await decisions('skip', 'switched_off_for_pool')).toBe(1);
    await expectManualRolloutStarts('acme', 'batch');
  });
});
