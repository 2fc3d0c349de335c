import { useTestDatabase } from '@rollcall/testkit';
import { describe, expect, it } from 'vitest';
import { append } from './append';
import { ANY } from './expected-version';
import { headPosition } from './head-position';
import { readAll } from './read-all';
import { collect } from './testing/collect';
import { uniqueStream } from './testing/event-controls';
import { newEvent, newEvents } from './testing/new-events';

describe('readAll', () => {
  const test = useTestDatabase();

  it('yields every event after a position in global order, page after page, and ends at the head', async () => {
    const after = await headPosition(test.db);
    const positions: bigint[] = [];
    for (let i = 0; i < 7; i++) {
      const result = await append(test.db, {
        streamName: uniqueStream(),
        expectedVersion: ANY,
        events: newEvents(3),
      });
      positions.push(...result.positions);
    }

    const read = await collect(readAll(test.db, { after, pageSize: 4 }));

    expect(read.map((e) => e.globalPosition)).toEqual(positions);
  });

  it('stops at `to` (inclusive) and honours a filter', async () => {
    const after = await headPosition(test.db);
    const streamName = uniqueStream('kappa');
    const mine = await append(test.db, {
      streamName,
      expectedVersion: ANY,
      events: [newEvent('A'), newEvent('B'), newEvent('A')],
    });
    await append(test.db, {
      streamName: uniqueStream('lambda'),
      expectedVersion: ANY,
      events: [newEvent('A')],
    });
    const [first, second] = mine.positions;

    const upToSecond = await collect(readAll(test.db, { after, to: second ?? 0n, pageSize: 1 }));
    const kappaAs = await collect(
      readAll(test.db, { after, filter: { category: 'kappa', types: ['A'] }, pageSize: 2 }),
    );

    expect(upToSecond.map((e) => e.globalPosition)).toEqual([first, second]);
    expect(kappaAs.map((e) => e.globalPosition)).toEqual([mine.positions[0], mine.positions[2]]);
  });

  it('ends before a position whose transaction is still open', async () => {
    const after = await headPosition(test.db);
    const open = await test.db.startTransaction().execute();
    try {
      await append(open, { streamName: uniqueStream(), expectedVersion: ANY, events: newEvents(1) });
      const before = await append(test.db, {
        streamName: uniqueStream(),
        expectedVersion: ANY,
        events: newEvents(1),
      });

      expect(await collect(readAll(test.db, { after }))).toEqual([]);
      await open.commit().execute();
      expect((await collect(readAll(test.db, { after }))).map((e) => e.globalPosition).at(-1)).toBe(
        before.positions[0],
      );
    } finally {
      if (!open.isCommitted) await open.rollback().execute();
    }
  });

  it('yields nothing beyond the head', async () => {
    expect(await collect(readAll(test.db, { after: (await headPosition(test.db)) + 10n }))).toEqual([]);
  });
});

describe('headPosition', () => {
  const test = useTestDatabase();

  it('is 0n on an empty log, then the highest committed position', async () => {
    expect(await headPosition(test.db)).toBe(0n);
    const result = await append(test.db, {
      streamName: uniqueStream(),
      expectedVersion: ANY,
      events: newEvents(2),
    });
    const open = await test.db.startTransaction().execute();
    await append(open, { streamName: uniqueStream(), expectedVersion: ANY, events: newEvents(1) });

    expect(await headPosition(test.db)).toBe(result.positions.at(-1));
    await open.rollback().execute();
  });
});
