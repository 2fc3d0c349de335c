import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { PoolConfiguredData, poolStream } from '@rollcall/contracts';
import {
  ANY,
  append,
  CommandRetriesExhaustedError,
  type EventLogDatabase,
  type RecordedEvent,
  readStream,
} from '@rollcall/eventlog';
import { useTestDatabase } from '@rollcall/testkit';
import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { deterministicEventIds } from './deterministic-event-ids';
import { handlePoolCommand, handlePoolDecision } from './handle-pool-command';
import { poolStateCache } from './pool-state-cache';
import { configurePool, connectRunner } from './testing/pool-commands';

const database = useTestDatabase();

async function streamOf(pool: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of readStream(database.db, { streamName: poolStream('acme', pool) }))
    events.push(event);
  return events;
}

/** Polls until some session of this database waits for a lock (the handler's append behind the held row). */
async function untilSomeoneWaitsForALock(db: Kysely<EventLogDatabase>): Promise<void> {
  for (;;) {
    const { rows } = await sql<{ waiting: number }>`
      SELECT count(*)::int AS waiting FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db);
    if ((rows[0]?.waiting ?? 0) > 0) return;
    await sleep(10);
  }
}

/**
 * Holds the pool stream's row with an uncommitted append of a config change, runs `command` into it, then
 * commits, so the command's append meets a concurrent writer for certain.
 */
async function raceWithConcurrentWriter<T>(pool: string, command: () => Promise<T>) {
  const { db } = database;
  const { promise: release, resolve: commit } = Promise.withResolvers<void>();
  const { promise: held, resolve: markHeld } = Promise.withResolvers<void>();
  const writer = db.transaction().execute(async (trx) => {
    const { data } = configurePool('acme', pool, { drainTimeoutSeconds: 999 });
    await append(trx, {
      streamName: poolStream('acme', pool),
      expectedVersion: ANY,
      events: [{ eventId: randomUUID(), type: 'PoolConfigured', data }],
    });
    markHeld();
    await release;
  });
  await held;
  const outcome = command().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  await untilSomeoneWaitsForALock(db);
  commit();
  await writer;
  return outcome;
}

describe('handlePoolCommand', () => {
  it('appends the decision with the actor, correlation id and runner id in metadata', async () => {
    const result = await handlePoolCommand(
      database.db,
      connectRunner('acme', 'meta', { runnerId: 'r-1', version: 1 }),
      { metadata: { correlationId: 'req-7' } },
    );
    expect(result.kind).toBe('appended');
    expect(result.events.map((event) => event.type)).toEqual(['RunnerConnected']);
    expect(result.eventIds).toHaveLength(1);
    expect(result.version).toBe(1n);
    const [stored] = await streamOf('meta');
    expect(stored?.metadata).toEqual({ correlationId: 'req-7', actor: 'r-1', runnerId: 'r-1' });
    expect(stored?.globalPosition).toBe(result.positions[0]);
    expect(result.state).toMatchObject({ status: 'open', namespace: 'acme', pool: 'meta' });
  });

  it('appends nothing for a command that changes nothing', async () => {
    await handlePoolCommand(database.db, configurePool('acme', 'same'));
    const again = await handlePoolCommand(database.db, configurePool('acme', 'same'));
    expect(again).toMatchObject({ kind: 'unchanged', events: [], positions: [], version: 1n });
    expect(await streamOf('same')).toHaveLength(1);
  });

  it('decides again on fresh state when another writer moved the stream, and appends after it', async () => {
    await handlePoolCommand(database.db, configurePool('acme', 'retry'));
    const outcome = await raceWithConcurrentWriter('retry', () =>
      handlePoolCommand(database.db, configurePool('acme', 'retry', { drainTimeoutSeconds: 42 }), {
        maxAttempts: 2,
      }),
    );
    expect(outcome.ok).toBe(true);
    const stored = await streamOf('retry');
    expect(stored.map((event) => [event.streamVersion, event.data])).toEqual([
      [1n, expect.objectContaining({ drainTimeoutSeconds: 300 })],
      [2n, expect.objectContaining({ drainTimeoutSeconds: 999 })],
      [3n, expect.objectContaining({ drainTimeoutSeconds: 42 })],
    ]);
  });

  it('gives up with a named error once its attempts are used, having written nothing', async () => {
    await handlePoolCommand(database.db, configurePool('acme', 'give-up'));
    const outcome = await raceWithConcurrentWriter('give-up', () =>
      handlePoolCommand(database.db, configurePool('acme', 'give-up', { drainTimeoutSeconds: 42 }), {
        maxAttempts: 1,
      }),
    );
    expect(outcome.ok).toBe(false);
    const error = outcome.ok ? undefined : outcome.error;
    expect(error).toBeInstanceOf(CommandRetriesExhaustedError);
    expect(error).toMatchObject({ streamName: 'pool-acme+give-up', attempts: 1 });
    expect(await streamOf('give-up')).toHaveLength(2);
  });

  it('lets concurrent commands on one pool all land, one after the other', async () => {
    const timeouts = [101, 102, 103, 104, 105, 106];
    const results = await Promise.all(
      timeouts.map((drainTimeoutSeconds) =>
        handlePoolCommand(database.db, configurePool('acme', 'busy', { drainTimeoutSeconds }), {
          maxAttempts: 21,
        }),
      ),
    );
    expect(results.map((result) => result.events.length)).toEqual([1, 1, 1, 1, 1, 1]);
    const stored = await streamOf('busy');
    expect(stored.map((event) => event.streamVersion)).toEqual([1n, 2n, 3n, 4n, 5n, 6n]);
    expect(new Set(stored.map((event) => PoolConfiguredData.parse(event.data).drainTimeoutSeconds))).toEqual(
      new Set(timeouts),
    );
  });
  it('appends a cause once: its deterministic ids found stored make a repeat a duplicate', async () => {
    const eventId = deterministicEventIds('test|cause-1');
    const first = await handlePoolCommand(database.db, configurePool('acme', 'cause'), { eventId });
    // Decided on today's state this would append again; its ids say the cause is in the log already.
    const again = await handlePoolCommand(
      database.db,
      configurePool('acme', 'cause', { drainTimeoutSeconds: 42 }),
      { eventId },
    );
    expect(first.kind).toBe('appended');
    expect(again).toMatchObject({ kind: 'duplicate', events: [], version: 1n });
    expect(await streamOf('cause')).toHaveLength(1);
  });

  it('checks a decision to do nothing on a cached state against the log before trusting it', async () => {
    const cache = poolStateCache(database.db);
    await handlePoolCommand(database.db, connectRunner('acme', 'stale', { runnerId: 'r-1', version: 1 }), {
      cache,
    });
    // Behind the cache's back the runner goes away; the cache still shows it connected with this content.
    await handlePoolCommand(database.db, {
      type: 'DisconnectRunner',
      data: { namespace: 'acme', pool: 'stale', runnerId: 'r-1', reason: 'bye' },
      metadata: { now: new Date(), actor: 'r-1' },
    });
    const again = await handlePoolCommand(
      database.db,
      connectRunner('acme', 'stale', { runnerId: 'r-1', version: 1 }),
      { cache },
    );
    expect(again.kind).toBe('appended');
    expect((await streamOf('stale')).map((event) => event.type)).toEqual([
      'RunnerConnected',
      'RunnerStopped',
      'RunnerConnected',
    ]);
  });

  it('chooses the command again on the fresh state after a conflict, which may leave nothing to do', async () => {
    await handlePoolCommand(database.db, configurePool('acme', 'guard'));
    // Only while the pool still has its first timeout: the concurrent writer changes it.
    const outcome = await raceWithConcurrentWriter('guard', () =>
      handlePoolDecision(database.db, { namespace: 'acme', pool: 'guard' }, (state) =>
        state.status === 'open' && state.config?.drainTimeoutSeconds === 300
          ? configurePool('acme', 'guard', { drainTimeoutSeconds: 42 })
          : null,
      ),
    );
    expect(outcome.ok && outcome.value).toMatchObject({ kind: 'unchanged', version: 2n });
    expect(
      (await streamOf('guard')).map((event) => PoolConfiguredData.parse(event.data).drainTimeoutSeconds),
    ).toEqual([300, 999]);
  });
});
