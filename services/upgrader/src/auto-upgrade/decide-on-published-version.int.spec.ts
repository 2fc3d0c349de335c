import { poolStream, RolloutDefaults, VersionPublishedData } from '@rollcall/contracts';
import { type RecordedEvent, readStream } from '@rollcall/eventlog';
import { handlePoolCommand } from '@rollcall/pool-commands';
import { NOW, seedPool } from '@rollcall/rollout-commands/testing';
import { useTestDatabase } from '@rollcall/testkit';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { autoUpgradeMetrics } from './auto-upgrade-metrics';
import { type AutoUpgradeDeps, decideOnPublishedVersion } from './decide-on-published-version';

// The decision on one publish, called directly (no subscription), for the cases that hang on what was
// published around it and where the pool runs.

const database = useTestDatabase();
const AUTO = {
  autoUpgrade: true,
  rolloutDefaults: RolloutDefaults.parse({ strategy: { kind: 'all-at-once' } }),
};
const metrics = autoUpgradeMetrics(new Registry());
const decide = (publish: Awaited<ReturnType<typeof published>>) => {
  const deps: AutoUpgradeDeps = {
    db: database.db,
    clock: () => NOW,
    logger: pino({ level: 'silent' }),
    metrics,
  };
  return decideOnPublishedVersion(deps, publish);
};

async function poolEvents(pool: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of readStream(database.db, { streamName: poolStream('acme', pool) }))
    events.push(event);
  return events;
}

/** The recorded `VersionPublished` of `version`, as the trigger's subscription hands it over. */
async function published(pool: string, version: number) {
  const event = (await poolEvents(pool)).find(
    (recorded) =>
      recorded.type === 'VersionPublished' && VersionPublishedData.parse(recorded.data).version === version,
  );
  if (event === undefined) throw new Error(`${pool} v${version} is not published`);
  return { eventId: event.eventId, data: VersionPublishedData.parse(event.data), metadata: event.metadata };
}

const rolloutsBegun = async (pool: string) =>
  (await poolEvents(pool)).filter((event) => event.type === 'RolloutBegan');

describe('a pool with versions 2 and 3 published before the trigger got to 2', () => {
  it('skips 2 for the newer 3, then rolls out 3', async () => {
    await seedPool(database.db, 'acme', 'web', {
      published: [2, 3],
      runners: [{ serverId: 's1', version: 1 }],
      config: AUTO,
    });
    expect(await decide(await published('web', 2))).toEqual({
      decision: 'skip',
      why: 'newer_version_published',
    });
    const three = await decide(await published('web', 3));
    expect(three).toMatchObject({ decision: 'start', rolloutId: expect.stringMatching(/^auto-v3-/) });
    expect(await rolloutsBegun('web')).toHaveLength(1);
  });

  it('rolls out 2 when 3 was yanked', async () => {
    await seedPool(database.db, 'acme', 'api', {
      published: [2, 3],
      runners: [{ serverId: 's1', version: 1 }],
      config: AUTO,
    });
    await handlePoolCommand(database.db, {
      type: 'YankVersion',
      data: { namespace: 'acme', pool: 'api', version: 3, reason: 'broken' },
      metadata: { now: NOW, actor: 'alice' },
    });
    expect(await decide(await published('api', 2))).toMatchObject({
      decision: 'start',
    });
  });

  it('answers the same rollout, started once, when the publish is decided again', async () => {
    const again = await decide(await published('web', 3));
    // The first rollout still holds the pool, so the verdict says so before any start is tried.
    expect(again).toEqual({ decision: 'skip', why: 'rollout_in_flight' });
    expect(await rolloutsBegun('web')).toHaveLength(1);
  });
});

describe('a pool that runs nowhere', () => {
  it('skips the publish: no target to roll out to', async () => {
    await seedPool(database.db, 'acme', 'empty', { published: [2], runners: [], config: AUTO });
    expect(await decide(await published('empty', 2))).toEqual({
      decision: 'skip',
      why: 'no_targets',
    });
    expect(await rolloutsBegun('empty')).toEqual([]);
  });
});
