import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { poolStream, rolloutStream } from '@rollcall/contracts';
import {
  InvalidRolloutSpecError,
  RolloutExistsError,
  VersionNotPublishedError,
  VersionYankedError,
} from '@rollcall/domain';
import { ANY, append, type RecordedEvent, readStream } from '@rollcall/eventlog';
import { handlePoolCommand } from '@rollcall/pool-commands';
import { useTestDatabase } from '@rollcall/testkit';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { loadRollout } from './load-rollout';
import { NoTargetsError } from './no-targets-error';
import { PoolNotFoundError } from './pool-not-found-error';
import { RolloutInFlightError } from './rollout-in-flight-error';
import { RolloutStrategyMissingError } from './rollout-strategy-missing-error';
import { startRollout } from './start-rollout';
import type { StartRolloutRequest } from './start-rollout-request';
import { NOW, seedPool } from './testing/rollout-commands';
import { UnknownTargetError } from './unknown-target-error';

const database = useTestDatabase();
const operator = { now: NOW, actor: 'alice', correlationId: 'req-9' };
const ROLLING = { kind: 'rolling', batchSize: 1, maxUnavailable: 1 } as const;

async function read(streamName: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of readStream(database.db, { streamName })) events.push(event);
  return events;
}

async function rolloutStreamsOf(pool: string): Promise<string[]> {
  const { rows } = await sql<{ stream_name: string }>`
    SELECT DISTINCT stream_name FROM events
    WHERE category = 'rollout' AND data->>'pool' = ${pool}`.execute(database.db);
  return rows.map((row) => row.stream_name);
}

/** Polls until some session of this database waits for a lock (an append behind the held pool row). */
async function untilSomeoneWaitsForALock(): Promise<void> {
  for (;;) {
    const { rows } = await sql<{ waiting: number }>`
      SELECT count(*)::int AS waiting FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(database.db);
    if ((rows[0]?.waiting ?? 0) > 0) return;
    await sleep(10);
  }
}

function request(pool: string, start: Partial<StartRolloutRequest> = {}): StartRolloutRequest {
  return { namespace: 'acme', pool, version: 2, strategy: ROLLING, ...start };
}

/** Starting is refused with `error`, and neither the pool nor any rollout stream changed. */
async function expectRefusedUntouched(start: StartRolloutRequest, error: new (...args: never[]) => Error) {
  const before = await read(poolStream('acme', start.pool));
  const refusal = await startRollout(database.db, start, operator).catch((thrown: unknown) => thrown);
  expect(refusal).toBeInstanceOf(error);
  expect(await read(poolStream('acme', start.pool))).toHaveLength(before.length);
  expect(await rolloutStreamsOf(start.pool)).toEqual([]);
  return refusal;
}

describe('startRollout', () => {
  it('takes the pool guard and starts the rollout over every server the pool runs on, in one go', async () => {
    await seedPool(database.db, 'acme', 'web', {
      config: { targets: { s2: { extraConfig: { threads: 4 } }, s3: { pinnedVersion: 1 } } },
    });
    const { rolloutId, state, started } = await startRollout(database.db, request('web'), operator);
    expect(started).toBe(true);
    expect(rolloutId).toMatch(/^[0-9a-f-]{36}$/);
    expect(state).toMatchObject({
      status: 'running',
      pool: 'web',
      version: 2,
      build: 'b2',
      startedBy: 'alice',
    });

    const pool = await read(poolStream('acme', 'web'));
    expect(pool.at(-1)).toMatchObject({
      type: 'RolloutBegan',
      data: { rolloutId, version: 2, artifact: 'registry.example/web:2', by: 'alice' },
      metadata: { actor: 'alice', correlationId: 'req-9' },
    });
    const rollout = await read(rolloutStream('acme', rolloutId));
    expect(rollout.map((event) => event.type)).toEqual(['RolloutStarted', 'TargetSkipped']);
    expect(rollout[0]?.data).toMatchObject({
      strategy: ROLLING,
      targetBy: { by: 'server' },
      healthyWindowSeconds: 10,
      failureThreshold: { kind: 'count', count: 1 },
      autoRollback: true,
      targets: [
        { targetId: 's1', previousVersion: 1, previousConfig: {} },
        { targetId: 's2', previousVersion: 1, previousConfig: {}, extraConfig: { threads: 4 } },
        { targetId: 's3', previousVersion: 1, previousConfig: {}, pinnedVersion: 1 },
      ],
    });
    expect(rollout[1]?.data).toMatchObject({ targetId: 's3', why: 'pinned to version 1' });
    // Both transactions' events are in the log, or neither: the same transaction id.
    expect(rollout[0]?.transactionId).toBe(pool.at(-1)?.transactionId);
  });

  it("takes left-out settings from the pool's rollout defaults, and targets from a label", async () => {
    await seedPool(database.db, 'acme', 'labels', {
      runners: [
        { serverId: 's1', version: 1, labels: { workspace: 'blue' } },
        { serverId: 's2', version: 1, labels: { workspace: 'green' } },
        { serverId: 's3', version: 1, labels: { workspace: 'red' } },
        { serverId: 's4', version: 1 },
      ],
      config: {
        rolloutDefaults: {
          strategy: { kind: 'canary', canaryCount: 1, gate: 'approval' },
          targetBy: { by: 'label', key: 'workspace' },
          healthyWindowSeconds: 30,
          failureThreshold: { kind: 'share', share: 0.5 },
          autoRollback: false,
        },
      },
    });
    const { state } = await startRollout(
      database.db,
      { namespace: 'acme', pool: 'labels', version: 2, targets: ['red', 'blue'], healthyWindowSeconds: 5 },
      operator,
    );
    expect(state).toMatchObject({
      strategy: { kind: 'canary', canaryCount: 1, gate: 'approval' },
      targetBy: { by: 'label', key: 'workspace' },
      healthyWindowSeconds: 5,
      failureThreshold: { kind: 'share', share: 0.5 },
      autoRollback: false,
    });
    expect([...state.targets.keys()]).toEqual(['red', 'blue']);
  });

  it('backs a target up at the version its serving runners run, the highest when they are mixed', async () => {
    await seedPool(database.db, 'acme', 'mixed', {
      published: [1, 2, 3],
      config: { drainOnVersionUpgrade: false },
      runners: [
        { serverId: 's1', version: 1 },
        { serverId: 's1', version: 2 },
        { serverId: 's2', version: 1 },
      ],
    });
    const { state } = await startRollout(database.db, request('mixed', { version: 3 }), operator);
    expect([...state.targets.values()].map(({ spec }) => [spec.targetId, spec.previousVersion])).toEqual([
      ['s1', 2],
      ['s2', 1],
    ]);
  });

  it('finishes at once and releases the pool when every target is pinned or already there', async () => {
    await seedPool(database.db, 'acme', 'there', { runners: [{ serverId: 's1', version: 2 }] });
    const { state } = await startRollout(database.db, request('there'), operator);
    expect(state).toMatchObject({ status: 'completed', outcome: 'completed' });
    expect((await read(poolStream('acme', 'there'))).slice(-2).map((event) => event.type)).toEqual([
      'RolloutBegan',
      'RolloutEnded',
    ]);
    const next = await startRollout(database.db, request('there', { version: 1 }), operator);
    expect(next.state.status).toBe('running');
  });

  it('answers a repeat of the same rollout id with the rollout it started, and refuses it elsewhere', async () => {
    await seedPool(database.db, 'acme', 'repeat');
    const rolloutId = randomUUID();
    const first = await startRollout(database.db, request('repeat'), { ...operator, rolloutId });
    const again = await startRollout(database.db, request('repeat'), { ...operator, rolloutId });
    expect(first.started).toBe(true);
    expect(again).toMatchObject({ rolloutId, started: false, state: { status: 'running' } });
    await expect(
      startRollout(database.db, request('repeat', { version: 1 }), { ...operator, rolloutId }),
    ).rejects.toThrow(RolloutExistsError);
    expect(await rolloutStreamsOf('repeat')).toEqual([rolloutStream('acme', rolloutId)]);
  });

  describe('refuses, starting nothing', () => {
    it('an unknown pool', async () => {
      const error = await expectRefusedUntouched(request('ghost'), PoolNotFoundError);
      expect(error).toMatchObject({ message: 'pool ghost is not known in namespace acme' });
    });

    it('a version that is not published', async () => {
      await seedPool(database.db, 'acme', 'unpublished');
      const error = await expectRefusedUntouched(
        request('unpublished', { version: 7 }),
        VersionNotPublishedError,
      );
      expect(error).toMatchObject({ version: 7 });
    });

    it('a yanked version', async () => {
      await seedPool(database.db, 'acme', 'yanked');
      await handlePoolCommand(database.db, {
        type: 'YankVersion',
        data: { namespace: 'acme', pool: 'yanked', version: 2, reason: 'leaks memory' },
        metadata: { now: NOW, actor: 'alice' },
      });
      await expectRefusedUntouched(request('yanked'), VersionYankedError);
    });

    it('a target the pool does not run on, naming it', async () => {
      await seedPool(database.db, 'acme', 'unknown-target');
      const error = await expectRefusedUntouched(
        request('unknown-target', { targets: ['s1', 's9'] }),
        UnknownTargetError,
      );
      expect(error).toMatchObject({ targetId: 's9', known: ['s1', 's2', 's3'] });
      expect((error as Error).message).toContain('target s9');
    });

    it('no strategy, when the pool has no defaults', async () => {
      await seedPool(database.db, 'acme', 'no-strategy');
      await expectRefusedUntouched(
        request('no-strategy', { strategy: undefined }),
        RolloutStrategyMissingError,
      );
    });

    it('a pool that runs nowhere', async () => {
      await seedPool(database.db, 'acme', 'nowhere', { runners: [] });
      await expectRefusedUntouched(request('nowhere'), NoTargetsError);
    });

    it('a strategy the targets cannot carry', async () => {
      await seedPool(database.db, 'acme', 'bad-spec');
      const error = await expectRefusedUntouched(
        request('bad-spec', { targets: ['s1', 's1'] }),
        InvalidRolloutSpecError,
      );
      expect(error).toMatchObject({ field: 'targets.1.targetId' });
    });

    it('a second rollout while one is in flight, naming the one in flight', async () => {
      await seedPool(database.db, 'acme', 'second');
      const first = await startRollout(database.db, request('second'), operator);
      const refusal = await startRollout(database.db, request('second', { version: 1 }), operator).catch(
        (thrown: unknown) => thrown,
      );
      expect(refusal).toBeInstanceOf(RolloutInFlightError);
      expect(refusal).toMatchObject({ rolloutId: first.rolloutId, version: 2 });
      expect(await rolloutStreamsOf('second')).toEqual([rolloutStream('acme', first.rolloutId)]);
    });
  });

  it('lets one of several concurrent starts win; the others are refused naming it', async () => {
    await seedPool(database.db, 'acme', 'race');
    const outcomes = await Promise.allSettled(
      [1, 2, 3, 4].map(() => startRollout(database.db, request('race'), operator)),
    );
    const won = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(won).toHaveLength(1);
    const winner = won[0]?.rolloutId;
    expect(lost).toHaveLength(3);
    for (const reason of lost) {
      expect(reason).toBeInstanceOf(RolloutInFlightError);
      expect(reason).toMatchObject({ rolloutId: winner });
    }
    const began = (await read(poolStream('acme', 'race'))).filter((event) => event.type === 'RolloutBegan');
    expect(began.map((event) => (event.data as { rolloutId: string }).rolloutId)).toEqual([winner]);
    expect(await rolloutStreamsOf('race')).toEqual([rolloutStream('acme', winner ?? '')]);
    const { state } = await loadRollout(database.db, { namespace: 'acme', rolloutId: winner ?? '' });
    expect(state.status).toBe('running');
  });

  it('refuses a start that read the pool free while another start was taking it, once that one commits', async () => {
    await seedPool(database.db, 'acme', 'held');
    const { promise: release, resolve: commit } = Promise.withResolvers<void>();
    const { promise: held, resolve: markHeld } = Promise.withResolvers<void>();
    const holder = database.db.transaction().execute(async (trx) => {
      await append(trx, {
        streamName: poolStream('acme', 'held'),
        expectedVersion: ANY,
        events: [
          {
            eventId: randomUUID(),
            type: 'RolloutBegan',
            data: {
              namespace: 'acme',
              pool: 'held',
              rolloutId: 'holder',
              version: 2,
              build: 'b2',
              artifact: 'registry.example/held:2',
              by: 'bob',
              at: NOW.toISOString(),
            },
          },
        ],
      });
      markHeld();
      await release;
    });
    await held;
    const refusal = startRollout(database.db, request('held'), operator).catch((thrown: unknown) => thrown);
    await untilSomeoneWaitsForALock();
    commit();
    await holder;
    expect(await refusal).toBeInstanceOf(RolloutInFlightError);
    expect(await refusal).toMatchObject({ rolloutId: 'holder' });
    expect(await rolloutStreamsOf('held')).toEqual([]);
  });
});
