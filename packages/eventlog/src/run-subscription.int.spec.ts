import { randomUUID } from 'node:crypto';
import { useTestDatabase } from '@rollcall/testkit';
import { type Kysely, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { Counter, Registry } from 'prom-client';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { readCheckpoint, resetCheckpoint } from './checkpoints';
import { listDeadLetters } from './dead-letters';
import { defineEventRegistry } from './event-registry';
import type { RecordedEvent } from './recorded-event';
import { type RunSubscriptionOptions, runSubscription } from './run-subscription';
import type { EventLogDatabase } from './tables';
import { type Appended, appendEvents, silentLogger, uniqueStream } from './testing/event-controls';
import { useReplicaPools } from './testing/replica-pools';

interface EffectsTable {
  event_id: string;
  handled_by: string;
}

const quick = {
  retryBackoff: { initialMs: 1, maxMs: 5 },
  lockRetryMs: 50,
  pollIntervalMs: 10,
  maxPollIntervalMs: 50,
};
/** The options a test chooses, per mode (a plain Omit would merge the two modes' handlers). */
type StartOptions = RunSubscriptionOptions extends infer Options
  ? Options extends RunSubscriptionOptions
    ? Omit<Options, 'connectionString' | 'logger' | 'signal'>
    : never
  : never;

const uniqueName = () => `sub-${randomUUID().slice(0, 8)}`;

describe('runSubscription', () => {
  const test = useTestDatabase();
  const newDb = useReplicaPools(test);

  beforeAll(async () => {
    // No unique key on purpose: a second application of an event would show as a second row.
    await sql`CREATE TABLE effects (event_id uuid NOT NULL, handled_by text NOT NULL)`.execute(test.db);
  });

  /** The handler's own write, in the subscription's transaction. */
  async function recordEffect(trx: Transaction<EventLogDatabase>, event: RecordedEvent, handledBy: string) {
    await trx
      .withTables<{ effects: EffectsTable }>()
      .insertInto('effects')
      .values({ event_id: event.eventId, handled_by: handledBy })
      .execute();
  }

  async function effectsOf(ids: readonly string[]): Promise<Map<string, number>> {
    const rows = await test.db
      .withTables<{ effects: EffectsTable }>()
      .selectFrom('effects')
      .select(['event_id', (eb) => eb.fn.countAll<string>().as('times')])
      .where('event_id', 'in', ids)
      .groupBy('event_id')
      .execute();
    return new Map(rows.map((row) => [row.event_id, Number(row.times)]));
  }

  function start(options: StartOptions) {
    const controller = new AbortController();
    const done = runSubscription({
      connectionString: test.url,
      logger: silentLogger,
      signal: controller.signal,
      ...quick,
      ...options,
    });
    const stop = () => {
      controller.abort();
      return done;
    };
    return { controller, done, stop };
  }

  /** Starts the consumer right before the test's first event, so its batches line up with the test's events. */
  async function startingAt(name: string, appended: Appended): Promise<void> {
    await resetCheckpoint(test.db, { consumer: name, position: (appended.positions[0] ?? 1n) - 1n });
  }

  const reachesPosition = (db: Kysely<EventLogDatabase>, name: string, position: bigint | undefined) =>
    vi.waitFor(async () => expect(await readCheckpoint(db, name)).toBe(position), {
      timeout: 20_000,
      interval: 20,
    });

  describe('in transactional mode', () => {
    it('applies each event exactly once when the handler fails halfway through a batch', async () => {
      const name = uniqueName();
      const streamName = uniqueStream();
      const appended = await appendEvents(test.db, streamName, 10);
      await startingAt(name, appended);
      let failures = 0;
      const run = start({
        db: test.db,
        name,
        mode: 'transactional',
        batchSize: 4,
        filter: { streamName },
        handler: async (trx, events) => {
          for (const [index, event] of events.entries()) {
            // The second batch writes two effects, then fails twice before it goes through.
            if (index === 2 && event.eventId === appended.ids[6] && failures < 2) {
              failures += 1;
              throw new Error('crashed halfway through the batch');
            }
            await recordEffect(trx, event, 'only');
          }
        },
      });

      await reachesPosition(test.db, name, appended.positions.at(-1));
      await run.stop();

      expect(failures).toBe(2);
      const effects = await effectsOf(appended.ids);
      expect(appended.ids.map((id) => effects.get(id))).toEqual(appended.ids.map(() => 1));
    });

    it('applies each event exactly once across a crash mid-batch and a restart', async () => {
      const name = uniqueName();
      const streamName = uniqueStream();
      const appended = await appendEvents(test.db, streamName, 10);
      await startingAt(name, appended);
      const crashing: { crash?: () => void } = {};
      const first = start({
        db: newDb(),
        name,
        mode: 'transactional',
        batchSize: 4,
        filter: { streamName },
        handler: async (trx, events) => {
          for (const [index, event] of events.entries()) {
            // The process dies in the middle of its second batch: half the effects written, nothing committed.
            if (index === 2 && event.eventId === appended.ids[6]) {
              crashing.crash?.();
              throw new Error('process died');
            }
            await recordEffect(trx, event, 'first');
          }
        },
      });
      crashing.crash = () => first.controller.abort();
      await first.done;
      expect(await readCheckpoint(test.db, name)).toBe(appended.positions[3]);

      const second = start({
        db: newDb(),
        name,
        mode: 'transactional',
        batchSize: 4,
        filter: { streamName },
        handler: async (trx, events) => {
          for (const event of events) await recordEffect(trx, event, 'second');
        },
      });
      await reachesPosition(test.db, name, appended.positions.at(-1));
      await second.stop();

      const effects = await effectsOf(appended.ids);
      expect(appended.ids.map((id) => effects.get(id))).toEqual(appended.ids.map(() => 1));
    });

    it('parks a poisoned event after its attempts and handles the events after it', async () => {
      const name = uniqueName();
      const streamName = uniqueStream();
      const appended = await appendEvents(test.db, streamName, 10, (n) => ({ n, poison: n === 5 }));
      await startingAt(name, appended);
      const poisoned = appended.ids[5];
      const metrics = new Registry();
      let poisonAttempts = 0;
      const run = start({
        db: test.db,
        name,
        mode: 'transactional',
        batchSize: 4,
        maxAttempts: 3,
        metrics,
        filter: { streamName },
        handler: async (trx, events) => {
          for (const event of events) {
            await recordEffect(trx, event, 'only');
            if (isPoison(event)) {
              poisonAttempts += 1;
              throw new Error('data.n cannot be handled');
            }
          }
        },
      });

      await reachesPosition(test.db, name, appended.positions.at(-1));
      await run.stop();

      // Three attempts at its batch, then three on its own.
      expect(poisonAttempts).toBe(6);
      const effects = await effectsOf(appended.ids);
      expect(appended.ids.map((id) => effects.get(id))).toEqual(
        appended.ids.map((id) => (id === poisoned ? undefined : 1)),
      );
      const letters = await listDeadLetters(test.db, { source: `subscription:${name}` });
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({ key: poisoned, error: 'data.n cannot be handled', count: 1 });
      expect(JSON.parse(letters[0]?.payload ?? 'null')).toMatchObject({
        eventId: poisoned,
        streamName,
        type: 'TestHappened',
        globalPosition: appended.positions[5]?.toString(),
        data: { n: 5, poison: true },
      });
      const parked = metrics.getSingleMetric('rollcall_subscription_dead_letters_total');
      expect(parked).toBeInstanceOf(Counter);
      expect((await parked?.get())?.values).toEqual([{ labels: { subscription: name }, value: 1 }]);
    });
  });

  it('parks an event its registry cannot parse, and hands the others over parsed', async () => {
    const name = uniqueName();
    const streamName = uniqueStream();
    const appended = await appendEvents(test.db, streamName, 3, (n) => ({ n: n === 1 ? 'one' : n }));
    await startingAt(name, appended);
    const seen: unknown[] = [];
    const run = start({
      db: test.db,
      name,
      mode: 'at-least-once',
      maxAttempts: 2,
      filter: { streamName },
      registry: defineEventRegistry({
        TestHappened: {
          schema: z.object({ n: z.number() }).transform(({ n }) => ({ n, parsed: true })),
          version: 1,
        },
      }),
      handler: async (events) => {
        seen.push(...events.map((event) => event.data));
      },
    });

    await reachesPosition(test.db, name, appended.positions.at(-1));
    await run.stop();

    expect(seen).toEqual([
      { n: 0, parsed: true },
      { n: 2, parsed: true },
    ]);
    const letters = await listDeadLetters(test.db, { source: `subscription:${name}` });
    expect(letters.map((letter) => letter.key)).toEqual([appended.ids[1]]);
    expect(letters[0]?.error).toContain('TestHappened');
  });

  it('re-delivers from where an operator set its checkpoint back, while it runs', async () => {
    const name = uniqueName();
    const streamName = uniqueStream();
    const appended = await appendEvents(test.db, streamName, 6);
    await startingAt(name, appended);
    const run = start({
      db: test.db,
      name,
      mode: 'transactional',
      filter: { streamName },
      handler: async (trx, events) => {
        for (const event of events) await recordEffect(trx, event, 'replayed');
      },
    });
    await reachesPosition(test.db, name, appended.positions.at(-1));

    await resetCheckpoint(test.db, { consumer: name, position: appended.positions[3] ?? 0n });

    await vi.waitFor(
      async () => {
        const effects = await effectsOf(appended.ids);
        expect(appended.ids.map((id) => effects.get(id))).toEqual([1, 1, 1, 1, 2, 2]);
      },
      { timeout: 20_000, interval: 20 },
    );
    await run.stop();
    expect(await readCheckpoint(test.db, name)).toBe(appended.positions.at(-1));
  });

  describe('in at-least-once mode', () => {
    it('delivers a batch again after a crash before its checkpoint', async () => {
      const name = uniqueName();
      const streamName = uniqueStream();
      const appended = await appendEvents(test.db, streamName, 8);
      await startingAt(name, appended);
      const delivered: string[] = [];
      const crashing: { crash?: () => void } = {};
      const first = start({
        db: newDb(),
        name,
        mode: 'at-least-once',
        batchSize: 4,
        filter: { streamName },
        handler: async (events) => {
          delivered.push(...events.map((e) => e.eventId));
          if (events.some((e) => e.eventId === appended.ids[4])) {
            crashing.crash?.();
            throw new Error('process died after its side effects');
          }
        },
      });
      crashing.crash = () => first.controller.abort();
      await first.done;

      const second = start({
        db: newDb(),
        name,
        mode: 'at-least-once',
        batchSize: 4,
        filter: { streamName },
        handler: async (events) => {
          delivered.push(...events.map((e) => e.eventId));
        },
      });
      await reachesPosition(test.db, name, appended.positions.at(-1));
      await second.stop();

      expect(delivered).toEqual([...appended.ids, ...appended.ids.slice(4)]);
    });
  });

  describe('with several instances of one name', () => {
    it('lets one lead and a standby take over once the leader stops', async () => {
      const name = uniqueName();
      const streamName = uniqueStream();
      const handledBy: [string, string][] = [];
      const instance = (label: string) =>
        start({
          db: newDb(),
          name,
          mode: 'at-least-once',
          filter: { streamName },
          handler: async (events) => {
            for (const event of events) handledBy.push([label, event.eventId]);
          },
        });

      const a = instance('a');
      const early = await appendEvents(test.db, streamName, 2);
      await reachesPosition(test.db, name, early.positions.at(-1));
      const b = instance('b');
      const middle = await appendEvents(test.db, streamName, 2);
      await reachesPosition(test.db, name, middle.positions.at(-1));
      await a.stop();
      const late = await appendEvents(test.db, streamName, 2);
      await reachesPosition(test.db, name, late.positions.at(-1));
      await b.stop();

      expect(handledBy).toEqual([
        ...[...early.ids, ...middle.ids].map((id) => ['a', id]),
        ...late.ids.map((id) => ['b', id]),
      ]);
    });

    it('lets a standby take over when the leader loses its lock connection', async () => {
      const name = uniqueName();
      const streamName = uniqueStream();
      const handledBy: [string, string][] = [];
      const instance = (label: string, lockRetryMs: number) =>
        start({
          db: newDb(),
          name,
          mode: 'at-least-once',
          filter: { streamName },
          lockRetryMs,
          handler: async (events) => {
            for (const event of events) handledBy.push([label, event.eventId]);
          },
        });

      // After losing its lock, a waits long before asking again, so that b is the one to take over.
      const a = instance('a', 600_000);
      const early = await appendEvents(test.db, streamName, 1);
      await reachesPosition(test.db, name, early.positions.at(-1));
      const b = instance('b', 20);
      await terminateLockHolder(test.url, `rollcall:sub:${name}`);
      const late = await appendEvents(test.db, streamName, 1);
      await reachesPosition(test.db, name, late.positions.at(-1));
      await Promise.all([a.stop(), b.stop()]);

      expect(handledBy).toEqual([
        ['a', early.ids[0]],
        ['b', late.ids[0]],
      ]);
    });
  });
});

function isPoison(event: RecordedEvent): boolean {
  return (
    typeof event.data === 'object' &&
    event.data !== null &&
    'poison' in event.data &&
    event.data.poison === true
  );
}

/** Ends the session holding the advisory lock, as a crashed host or a cut network would. */
async function terminateLockHolder(connectionString: string, lockName: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await vi.waitFor(
      async () => {
        const { rows } = await client.query<{ done: boolean }>(
          `SELECT pg_terminate_backend(pid) AS done FROM pg_locks
           WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
             AND classid = ((hashtext($1)::int8 >> 32) & 4294967295)::oid
             AND objid = (hashtext($1)::int8 & 4294967295)::oid`,
          [lockName],
        );
        expect(rows).toEqual([{ done: true }]);
      },
      { timeout: 10_000, interval: 20 },
    );
  } finally {
    await client.end();
  }
}
