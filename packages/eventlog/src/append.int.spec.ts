import { useTestDatabase } from '@rollcall/testkit';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { append } from './append';
import { createEventLogDb } from './create-event-log-db';
import { ConcurrencyError, EventValidationError, IdempotencyConflictError } from './errors';
import { defineEventRegistry } from './event-registry';
import { ANY, NO_STREAM, STREAM_EXISTS } from './expected-version';
import { readStream } from './read-stream';
import type { EventLogDatabase } from './tables';
import { collect } from './testing/collect';
import { uniqueStream } from './testing/event-controls';
import { newEvent, newEvents } from './testing/new-events';

const test = useTestDatabase();

const streamRows = (streamName: string) => collect(readStream(test.db, { streamName }));

async function streamVersion(streamName: string): Promise<bigint | null> {
  const row = await test.db
    .selectFrom('streams')
    .select('version')
    .where('stream_name', '=', streamName)
    .executeTakeFirst();
  return row === undefined ? null : BigInt(row.version);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

class Rollback extends Error {
  override readonly name = 'Rollback';
}

describe('append', () => {
  it('stores the events in order, numbered from version 1, and reads them back', async () => {
    const streamName = uniqueStream('pool');
    const events = [
      newEvent('RunnerConnected', { runnerId: 'r1' }),
      {
        ...newEvent('RunnerDrainRequested', { runnerId: 'r0' }),
        metadata: { actor: 'op', correlationId: 'c1' },
      },
    ];

    const result = await append(test.db, { streamName, expectedVersion: NO_STREAM, events });

    expect(result).toMatchObject({ streamName, nextExpectedVersion: 2n, duplicate: false });
    expect(result.positions).toHaveLength(2);
    const [first, second] = result.positions;
    expect(second).toBeGreaterThan(first ?? 0n);
    const read = await streamRows(streamName);
    expect(read).toMatchObject([
      {
        eventId: events[0]?.eventId,
        globalPosition: first,
        streamName,
        streamVersion: 1n,
        type: 'RunnerConnected',
        schemaVersion: 1,
        data: { runnerId: 'r1' },
        metadata: {},
      },
      {
        eventId: events[1]?.eventId,
        globalPosition: second,
        streamVersion: 2n,
        type: 'RunnerDrainRequested',
        metadata: { actor: 'op', correlationId: 'c1' },
      },
    ]);
    expect(read[0]?.transactionId).toBe(read[1]?.transactionId);
    expect(read[0]?.recordedAt).toBeInstanceOf(Date);
  });

  describe('expected version', () => {
    it('NO_STREAM (or 0n) creates the stream and is refused once it exists, naming the actual version', async () => {
      const streamName = uniqueStream();
      await append(test.db, { streamName, expectedVersion: NO_STREAM, events: newEvents(3) });

      for (const expectedVersion of [NO_STREAM, 0n] as const) {
        const error = await rejection(append(test.db, { streamName, expectedVersion, events: newEvents(1) }));
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ streamName, expected: expectedVersion, actual: 3n });
      }
      const fresh = uniqueStream();
      expect(
        await append(test.db, { streamName: fresh, expectedVersion: 0n, events: newEvents(1) }),
      ).toMatchObject({
        nextExpectedVersion: 1n,
      });
    });

    it('a number must equal the stream version', async () => {
      const streamName = uniqueStream();
      await append(test.db, { streamName, expectedVersion: NO_STREAM, events: newEvents(2) });

      const tooOld = await rejection(
        append(test.db, { streamName, expectedVersion: 1n, events: newEvents(1) }),
      );
      const tooNew = await rejection(
        append(test.db, { streamName, expectedVersion: 5n, events: newEvents(1) }),
      );
      const onMissing = await rejection(
        append(test.db, { streamName: uniqueStream(), expectedVersion: 1n, events: newEvents(1) }),
      );

      expect(tooOld).toMatchObject({ name: 'ConcurrencyError', expected: 1n, actual: 2n });
      expect(tooNew).toMatchObject({ name: 'ConcurrencyError', expected: 5n, actual: 2n });
      expect(onMissing).toMatchObject({ name: 'ConcurrencyError', expected: 1n, actual: 0n });
      expect(String(tooOld)).toContain(`stream ${streamName} expected at version 1 but is at 2`);
      const next = await append(test.db, { streamName, expectedVersion: 2n, events: newEvents(2) });
      expect(next.nextExpectedVersion).toBe(4n);
    });

    it('STREAM_EXISTS is refused on a missing stream and appends to an existing one', async () => {
      const streamName = uniqueStream();
      const error = await rejection(
        append(test.db, { streamName, expectedVersion: STREAM_EXISTS, events: newEvents(1) }),
      );
      expect(error).toMatchObject({ name: 'ConcurrencyError', expected: STREAM_EXISTS, actual: 0n });
      expect(await streamVersion(streamName)).toBeNull();

      await append(test.db, { streamName, expectedVersion: NO_STREAM, events: newEvents(1) });
      const result = await append(test.db, {
        streamName,
        expectedVersion: STREAM_EXISTS,
        events: newEvents(2),
      });
      expect(result.nextExpectedVersion).toBe(3n);
    });

    it('ANY appends whether or not the stream exists', async () => {
      const streamName = uniqueStream();
      expect(
        (await append(test.db, { streamName, expectedVersion: ANY, events: newEvents(2) }))
          .nextExpectedVersion,
      ).toBe(2n);
      expect(
        (await append(test.db, { streamName, expectedVersion: ANY, events: newEvents(1) }))
          .nextExpectedVersion,
      ).toBe(3n);
      expect((await streamRows(streamName)).map((e) => e.streamVersion)).toEqual([1n, 2n, 3n]);
    });

    it('an empty append writes nothing but still checks the version', async () => {
      const streamName = uniqueStream();
      expect(await append(test.db, { streamName, expectedVersion: NO_STREAM, events: [] })).toEqual({
        streamName,
        nextExpectedVersion: 0n,
        positions: [],
        duplicate: false,
      });
      await expect(
        append(test.db, { streamName, expectedVersion: STREAM_EXISTS, events: [] }),
      ).rejects.toThrow(ConcurrencyError);
    });
  });

  describe('eight writers racing on the same expected version', () => {
    let writers: Kysely<EventLogDatabase>;
    beforeAll(() => {
      writers = createEventLogDb({ connectionString: test.url, max: 8 });
    });
    afterAll(async () => {
      await writers.destroy();
    });

    it('exactly one wins each version; the others get a ConcurrencyError with the actual version', async () => {
      const streamName = uniqueStream();
      // Five rounds of two-event appends: versions 0, 2, 4, 6, 8 are each contested by all eight.
      for (let version = 0n; version < 10n; version += 2n) {
        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, () =>
            append(writers, {
              streamName,
              expectedVersion: version === 0n ? NO_STREAM : version,
              events: newEvents(2),
            }),
          ),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
        expect(won).toHaveLength(1);
        expect(won[0]?.value.nextExpectedVersion).toBe(version + 2n);
        expect(lost).toHaveLength(7);
        for (const error of lost) {
          expect(error).toBeInstanceOf(ConcurrencyError);
          expect(error).toMatchObject({ actual: version + 2n });
        }
      }
      const read = await streamRows(streamName);
      expect(read.map((e) => e.streamVersion)).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(i + 1)));
    });
  });

  describe('idempotency', () => {
    it('re-appending the same event ids returns the original positions and writes nothing', async () => {
      const streamName = uniqueStream();
      const events = newEvents(3);
      const original = await append(test.db, { streamName, expectedVersion: NO_STREAM, events });
      await append(test.db, { streamName, expectedVersion: 3n, events: newEvents(1) });

      // A retry with the version read before the original, with ANY, and inside a transaction.
      const retries = [
        await append(test.db, { streamName, expectedVersion: NO_STREAM, events }),
        await append(test.db, { streamName, expectedVersion: ANY, events }),
        await test.db
          .transaction()
          .execute((trx) => append(trx, { streamName, expectedVersion: 0n, events })),
      ];

      for (const retry of retries) {
        expect(retry).toEqual({ ...original, duplicate: true });
      }
      expect(await streamRows(streamName)).toHaveLength(4);
      expect(await streamVersion(streamName)).toBe(4n);
    });

    it('refuses a mix of stored and new ids, and ids stored in another stream; nothing is written', async () => {
      const streamName = uniqueStream();
      const stored = newEvents(2);
      await append(test.db, { streamName, expectedVersion: NO_STREAM, events: stored });
      const mixed = [...stored, newEvent()];

      const attempts = [
        () => append(test.db, { streamName, expectedVersion: 2n, events: mixed }),
        () => append(test.db, { streamName, expectedVersion: ANY, events: mixed }),
        () => append(test.db, { streamName: uniqueStream(), expectedVersion: ANY, events: stored }),
        () =>
          test.db
            .transaction()
            .execute((trx) => append(trx, { streamName, expectedVersion: 2n, events: mixed })),
      ];

      for (const attempt of attempts) {
        const error = await rejection(attempt());
        expect(error).toBeInstanceOf(IdempotencyConflictError);
        expect(error).toMatchObject({ storedEventIds: expect.arrayContaining(stored.map((e) => e.eventId)) });
      }
      expect(await streamRows(streamName)).toHaveLength(2);
      expect(await streamVersion(streamName)).toBe(2n);
    });

    it('refuses an append that repeats an id within itself', async () => {
      const event = newEvent();
      await expect(
        append(test.db, { streamName: uniqueStream(), expectedVersion: ANY, events: [event, event] }),
      ).rejects.toThrow(RangeError);
    });
  });

  it('writes all events of an append or none of them', async () => {
    const streamName = uniqueStream();
    await append(test.db, { streamName, expectedVersion: NO_STREAM, events: newEvents(1) });
    const batch = [...newEvents(2), { ...newEvent(), eventId: 'not-a-uuid' }];

    await expect(append(test.db, { streamName, expectedVersion: 1n, events: batch })).rejects.toThrow(/uuid/);

    expect(await streamRows(streamName)).toHaveLength(1);
    expect(await streamVersion(streamName)).toBe(1n);
  });

  describe('with a registry', () => {
    const registry = defineEventRegistry({
      RunnerConnected: {
        version: 2,
        schema: z.object({ runnerId: z.string(), labels: z.record(z.string(), z.string()) }),
      },
    });

    it('stores the parsed data at the current schema version', async () => {
      const streamName = uniqueStream();
      await append(
        test.db,
        {
          streamName,
          expectedVersion: NO_STREAM,
          events: [newEvent('RunnerConnected', { runnerId: 'r', labels: {}, junk: 1 })],
        },
        { registry },
      );
      expect(await streamRows(streamName)).toMatchObject([
        { type: 'RunnerConnected', schemaVersion: 2, data: { runnerId: 'r', labels: {} } },
      ]);
    });

    it('refuses invalid data with the type and field path, and writes nothing', async () => {
      const streamName = uniqueStream();
      const events = [
        newEvent('RunnerConnected', { runnerId: 'r1', labels: {} }),
        newEvent('RunnerConnected', { runnerId: 'r2', labels: { zone: 3 } }),
      ];

      const error = await rejection(
        append(test.db, { streamName, expectedVersion: NO_STREAM, events }, { registry }),
      );

      expect(error).toBeInstanceOf(EventValidationError);
      expect(error).toMatchObject({ eventType: 'RunnerConnected', path: 'labels.zone' });
      expect(String(error)).toMatch(/RunnerConnected.*data\.labels\.zone/);
      expect(await streamRows(streamName)).toEqual([]);
      expect(await streamVersion(streamName)).toBeNull();
    });
  });

  describe("inside the caller's transaction", () => {
    it('leaves nothing behind when the transaction rolls back', async () => {
      const streamName = uniqueStream();
      const events = newEvents(2);

      await expect(
        test.db.transaction().execute(async (trx) => {
          await append(trx, { streamName, expectedVersion: NO_STREAM, events });
          await append(trx, { streamName, expectedVersion: 2n, events: newEvents(1) });
          expect(await collect(readStream(trx, { streamName }))).toHaveLength(3);
          throw new Rollback();
        }),
      ).rejects.toThrow(Rollback);

      expect(await streamRows(streamName)).toEqual([]);
      expect(await streamVersion(streamName)).toBeNull();
      const again = await append(test.db, { streamName, expectedVersion: NO_STREAM, events });
      expect(again).toMatchObject({ nextExpectedVersion: 2n, duplicate: false });
    });

    it('commits the events with the transaction, and reports conflicts without aborting it', async () => {
      const streamName = uniqueStream();
      await test.db.transaction().execute(async (trx) => {
        await append(trx, { streamName, expectedVersion: NO_STREAM, events: newEvents(1) });
        await expect(
          append(trx, { streamName, expectedVersion: NO_STREAM, events: newEvents(1) }),
        ).rejects.toThrow(ConcurrencyError);
        await append(trx, { streamName, expectedVersion: 1n, events: newEvents(1) });
      });
      expect((await streamRows(streamName)).map((e) => e.streamVersion)).toEqual([1n, 2n]);
    });
  });

  describe('NOTIFY rollcall_events', () => {
    let listener: pg.Client;
    const payloads: string[] = [];
    beforeAll(async () => {
      listener = new pg.Client({ connectionString: test.url });
      await listener.connect();
      listener.on('notification', (message) => payloads.push(message.payload ?? ''));
      await listener.query('LISTEN rollcall_events');
    });
    afterAll(async () => {
      await listener.end();
    });

    // Earlier tests' appends announce themselves fire-and-forget, so a late one may still arrive: wait for the
    // position this test expects rather than for the next payload.
    async function announced(position: bigint | undefined): Promise<string> {
      const expected = String(position);
      while (!payloads.includes(expected)) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return expected;
    }

    it('announces the last appended position, after an append and after a transaction commits', async () => {
      const alone = await append(test.db, {
        streamName: uniqueStream(),
        expectedVersion: ANY,
        events: newEvents(3),
      });
      expect(await announced(alone.positions.at(-1))).toBe(String(alone.positions.at(-1)));

      const inTransaction = await test.db.transaction().execute(async (trx) => {
        const result = await append(trx, {
          streamName: uniqueStream(),
          expectedVersion: ANY,
          events: newEvents(2),
        });
        await sql`SELECT pg_sleep(0.05)`.execute(trx);
        // Not before the commit: a reader woken now would not see the events yet.
        expect(payloads).not.toContain(String(result.positions.at(-1)));
        return result;
      });
      expect(await announced(inTransaction.positions.at(-1))).toBe(String(inTransaction.positions.at(-1)));
    });
  });
});
