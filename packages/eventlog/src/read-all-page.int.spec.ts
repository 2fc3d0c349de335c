import { useTestDatabase } from '@rollcall/testkit';
import { type ControlledTransaction, type Kysely, sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { append } from './append';
import { createEventLogDb } from './create-event-log-db';
import { ANY } from './expected-version';
import { headPosition } from './head-position';
import { type ReadAllPage, type ReadAllPageInput, readAllPage } from './read-all-page';
import type { RecordedEvent } from './recorded-event';
import type { GapState } from './safe-head';
import type { EventLogDatabase } from './tables';
import { uniqueStream } from './testing/event-controls';
import { newEvent, newEvents } from './testing/new-events';
import { type HeldTransaction, holdTransactionInOtherDatabase } from './testing/other-database-transaction';

const test = useTestDatabase();
let writers: Kysely<EventLogDatabase>;
beforeAll(() => {
  writers = createEventLogDb({ connectionString: test.url, max: 12 });
});
afterAll(async () => {
  await writers.destroy();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Rollback extends Error {
  override readonly name = 'Rollback';
}

// Transactions a failed test left open would hold back every later read: close them after each test.
const opened: ControlledTransaction<EventLogDatabase>[] = [];
afterEach(async () => {
  for (const trx of opened.splice(0)) {
    if (!trx.isCommitted && !trx.isRolledBack) await trx.rollback().execute();
  }
});

/** Opens a transaction that holds a global position: it appended one event and has not committed. */
async function openAppend(streamName = uniqueStream()) {
  const trx = await writers.startTransaction().execute();
  opened.push(trx);
  const result = await append(trx, { streamName, expectedVersion: ANY, events: [newEvent()] });
  return { trx, position: result.positions[0] ?? 0n };
}

async function appendNow(streamName = uniqueStream()): Promise<bigint> {
  const result = await append(writers, { streamName, expectedVersion: ANY, events: [newEvent()] });
  return result.positions[0] ?? 0n;
}

/** Reads pages, carrying the gap, until one delivers something (at most `attempts` reads). */
async function readUntilDelivered(input: ReadAllPageInput, attempts = 2000): Promise<ReadAllPage> {
  let gap: GapState | null = input.gap ?? null;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const page = await readAllPage(test.db, { ...input, gap });
    if (page.lastPosition > input.after) return page;
    gap = page.gap;
    await pause(5);
  }
  throw new Error(`nothing delivered after ${input.after} in ${attempts} reads`);
}

const positionsOf = (events: readonly RecordedEvent[]) => events.map((e) => e.globalPosition);

/**
 * Writers whose commits interleave, some rolling back, under two tailing readers (one filtered): each sees
 * every committed event of its selection exactly once, in position order, and no rolled-back one.
 */
async function tailInterleavedWriters(): Promise<void> {
  const WRITERS = 8;
  const TRANSACTIONS_PER_WRITER = 25;
  const start = await headPosition(test.db);
  const committed = new Set<string>();
  const rolledBack = new Set<string>();
  const committedLeft = new Set<string>();
  let writing = true;

  const writer = async (w: number) => {
    for (let t = 0; t < TRANSACTIONS_PER_WRITER; t++) {
      const category = Math.random() < 0.5 ? 'left' : 'right';
      const streamName = `${category}-${w}+${t % 3}`;
      const events = newEvents(1 + Math.floor(Math.random() * 3));
      const ids = events.map((e) => e.eventId);
      const roll = Math.random();
      if (roll < 0.2) {
        await append(writers, { streamName, expectedVersion: ANY, events });
      } else {
        const rollBack = roll > 0.75;
        try {
          await writers.transaction().execute(async (trx) => {
            if (Math.random() < 0.3) await sql`SELECT pg_sleep(${Math.random() * 0.01})`.execute(trx);
            await append(trx, { streamName, expectedVersion: ANY, events });
            await sql`SELECT pg_sleep(${Math.random() * 0.03})`.execute(trx);
            if (rollBack) throw new Rollback();
          });
        } catch (error) {
          if (!(error instanceof Rollback)) throw error;
          for (const id of ids) rolledBack.add(id);
          continue;
        }
      }
      for (const id of ids) {
        committed.add(id);
        if (category === 'left') committedLeft.add(id);
      }
    }
  };

  let gapsSeen = 0;
  const tail = async (filter: ReadAllPageInput['filter'], limit: number) => {
    const seen: RecordedEvent[] = [];
    let after = start;
    let gap: GapState | null = null;
    let finalHead: bigint | null = null;
    while (finalHead === null || after < finalHead) {
      if (!writing && finalHead === null) finalHead = await headPosition(test.db);
      const page = await readAllPage(test.db, { after, limit, filter, gap });
      seen.push(...page.events);
      if (page.gap !== null) gapsSeen++;
      if (page.lastPosition === after) await pause(2);
      after = page.lastPosition;
      gap = page.gap;
    }
    return seen;
  };

  const readers = [tail(undefined, 7), tail({ category: 'left' }, 5)];
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  writing = false;
  const [all = [], left = []] = await Promise.all(readers);

  expect(committed.size).toBeGreaterThan(0);
  expect(rolledBack.size).toBeGreaterThan(0);
  // The interleaving really did put the readers in front of open holes.
  expect(gapsSeen).toBeGreaterThan(0);
  for (const [seen, expected] of [
    [all, committed],
    [left, committedLeft],
  ] as const) {
    const ids = seen.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(expected);
    expect(ids.filter((id) => rolledBack.has(id))).toEqual([]);
    const positions = positionsOf(seen);
    expect(positions.every((p, i) => i === 0 || p > (positions[i - 1] ?? 0n))).toBe(true);
  }
}

describe('readAllPage', () => {
  describe('two transactions that commit in reverse order', () => {
    let open: { trx: ControlledTransaction<EventLogDatabase>; position: bigint };

    it('stops before the position of the one still open, however often it reads', async () => {
      const after = await headPosition(test.db);
      open = await openAppend();
      const later = await appendNow();
      expect(later).toBeGreaterThan(open.position);

      let page = await readAllPage(test.db, { after, limit: 100 });
      for (let read = 0; read < 5; read++) {
        expect(page).toMatchObject({ events: [], lastPosition: after, gap: { missingFrom: open.position } });
        page = await readAllPage(test.db, { after, limit: 100, gap: page.gap });
      }

      await open.trx.commit().execute();
      page = await readAllPage(test.db, { after, limit: 100, gap: page.gap });
      expect(positionsOf(page.events)).toEqual([open.position, later]);
      expect(page).toMatchObject({ lastPosition: later, gap: null });
    });
  });

  it('steps over a rolled-back position only after its transaction has finished', async () => {
    const after = await headPosition(test.db);
    const open = await openAppend();
    const later = await appendNow();

    const blocked = await readAllPage(test.db, { after, limit: 100 });
    expect(blocked).toMatchObject({ events: [], lastPosition: after });
    const stillBlocked = await readAllPage(test.db, { after, limit: 100, gap: blocked.gap });
    expect(stillBlocked).toMatchObject({ events: [], lastPosition: after });

    await open.trx.rollback().execute();
    const page = await readUntilDelivered({ after, limit: 100, gap: stillBlocked.gap });
    expect(positionsOf(page.events)).toEqual([later]);
    expect(page.lastPosition).toBe(later);
  });

  // pg_snapshot_xmax is one past the latest *finished* transaction id, so the writer of the hole can have a
  // higher id than it. Were that xmax the bound, the hole would be taken for rolled back as soon as this
  // writer is the oldest one running.
  it('keeps waiting for a writer that got its transaction id before the visible one but is the oldest running', async () => {
    const after = await headPosition(test.db);
    const early = await writers.startTransaction().execute();
    opened.push(early);
    await sql`SELECT pg_current_xact_id()`.execute(early);
    const open = await openAppend();
    const visible = await append(early, {
      streamName: uniqueStream(),
      expectedVersion: ANY,
      events: [newEvent()],
    });
    await early.commit().execute();

    let page = await readAllPage(test.db, { after, limit: 100 });
    for (let read = 0; read < 20; read++) {
      expect(page).toMatchObject({ events: [], lastPosition: after });
      await pause(5);
      page = await readAllPage(test.db, { after, limit: 100, gap: page.gap });
    }

    await open.trx.commit().execute();
    page = await readAllPage(test.db, { after, limit: 100, gap: page.gap });
    expect(positionsOf(page.events)).toEqual([open.position, ...visible.positions]);
  });

  describe('with a filter', () => {
    it('stops at a hole even when the open transaction writes another category, then resumes', async () => {
      const after = await headPosition(test.db);
      const open = await openAppend(uniqueStream('beta'));
      const alpha = await appendNow(uniqueStream('alpha'));

      const blocked = await readAllPage(test.db, { after, limit: 100, filter: { category: 'alpha' } });
      expect(blocked).toMatchObject({ events: [], lastPosition: after, gap: { missingFrom: open.position } });

      await open.trx.commit().execute();
      const page = await readAllPage(test.db, {
        after,
        limit: 100,
        filter: { category: 'alpha' },
        gap: blocked.gap,
      });
      expect(positionsOf(page.events)).toEqual([alpha]);
      expect(page.lastPosition).toBe(alpha);
    });

    it('steps over a rolled-back hole and reports the safe head as the position to resume from', async () => {
      const after = await headPosition(test.db);
      const streamName = uniqueStream('gamma');
      // Another stream: an open append to this one would hold its streams row and block the next.
      const open = await openAppend(uniqueStream('gamma'));
      const gamma = await appendNow(streamName);
      const other = await appendNow(uniqueStream('delta'));

      const blocked = await readAllPage(test.db, { after, limit: 100, filter: { streamName } });
      expect(blocked).toMatchObject({ events: [], lastPosition: after });

      await open.trx.rollback().execute();
      const page = await readUntilDelivered({ after, limit: 100, filter: { streamName }, gap: blocked.gap });
      expect(positionsOf(page.events)).toEqual([gamma]);
      expect(page.lastPosition).toBe(other);
    });

    it('matches by stream, category and types together', async () => {
      const after = await headPosition(test.db);
      const streamName = uniqueStream('epsilon');
      await append(writers, {
        streamName,
        expectedVersion: ANY,
        events: [newEvent('A'), newEvent('B'), newEvent('C')],
      });
      await append(writers, {
        streamName: uniqueStream('epsilon'),
        expectedVersion: ANY,
        events: [newEvent('A')],
      });

      const byStream = await readAllPage(test.db, {
        after,
        limit: 100,
        filter: { streamName, types: ['A', 'C'] },
      });
      const byCategory = await readAllPage(test.db, {
        after,
        limit: 100,
        filter: { category: 'epsilon', types: ['A'] },
      });

      expect(byStream.events.map((e) => e.type)).toEqual(['A', 'C']);
      expect(byCategory.events.map((e) => e.type)).toEqual(['A', 'A']);
    });
  });

  it('returns an empty page, never an error, beyond the head', async () => {
    const beyond = (await headPosition(test.db)) + 1000n;
    expect(await readAllPage(test.db, { after: beyond, limit: 10 })).toEqual({
      events: [],
      lastPosition: beyond,
      gap: null,
    });
    expect(await readAllPage(test.db, { after: beyond, limit: 10, filter: { category: 'x' } })).toEqual({
      events: [],
      lastPosition: beyond,
      gap: null,
    });
  });

  describe('under many writers whose commits interleave, some rolling back', () => {
    it('a tailing reader sees every committed event exactly once, in position order, and no rolled-back one', async () => {
      await tailInterleavedWriters();
    }, 120_000);
  });

  // Snapshot xmins are cluster-wide: a transaction left open in any database of the server (another test
  // file, another application) holds them back, and with them a reader that waited for its xmin.
  describe('while a transaction stays open in another database of the server', () => {
    let other: HeldTransaction;
    beforeAll(async () => {
      other = await holdTransactionInOtherDatabase(test);
    });
    afterAll(async () => {
      await other.release();
    });

    it('steps over a rolled-back position once its transaction has finished', async () => {
      const { rows } = await sql<{ xmin: string }>`
        SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`.execute(test.db);
      expect(BigInt(rows[0]?.xmin ?? 0)).toBeLessThanOrEqual(other.xid);
      const after = await headPosition(test.db);
      const open = await openAppend();
      const later = await appendNow();
      const blocked = await readAllPage(test.db, { after, limit: 100 });
      expect(blocked).toMatchObject({ events: [], lastPosition: after });

      await open.trx.rollback().execute();
      // The other transaction is still open, so the snapshot xmin cannot have let the reader through.
      const page = await readUntilDelivered({ after, limit: 100, gap: blocked.gap });
      expect(positionsOf(page.events)).toEqual([later]);
      expect(page.lastPosition).toBe(later);
    });

    it('steps over it with a filter too, resuming from the safe head', async () => {
      const after = await headPosition(test.db);
      const streamName = uniqueStream('zeta');
      const open = await openAppend(uniqueStream('zeta'));
      const zeta = await appendNow(streamName);
      const beyond = await appendNow(uniqueStream('eta'));
      await open.trx.rollback().execute();

      const page = await readUntilDelivered({ after, limit: 100, filter: { streamName } });
      expect(positionsOf(page.events)).toEqual([zeta]);
      expect(page.lastPosition).toBe(beyond);
    });

    it('still waits for a writer of this database, then delivers its event before the later one', async () => {
      const after = await headPosition(test.db);
      const open = await openAppend();
      const later = await appendNow();

      let page = await readAllPage(test.db, { after, limit: 100 });
      for (let read = 0; read < 20; read++) {
        expect(page).toMatchObject({ events: [], lastPosition: after });
        await pause(5);
        page = await readAllPage(test.db, { after, limit: 100, gap: page.gap });
      }

      await open.trx.commit().execute();
      page = await readAllPage(test.db, { after, limit: 100, gap: page.gap });
      expect(positionsOf(page.events)).toEqual([open.position, later]);
    });

    it('a tailing reader still sees every committed event exactly once, in position order', async () => {
      await tailInterleavedWriters();
    }, 120_000);
  });
});
