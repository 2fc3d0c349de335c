import { useTestDatabase } from '@rollcall/testkit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { append } from './append';
import { EventValidationError } from './errors';
import { defineEventRegistry } from './event-registry';
import { ANY, NO_STREAM } from './expected-version';
import { readAll } from './read-all';
import { readAllPage } from './read-all-page';
import { readStream } from './read-stream';
import { collect } from './testing/collect';
import { uniqueStream } from './testing/event-controls';
import { newEvent, newEvents } from './testing/new-events';

const test = useTestDatabase();

describe('readStream', () => {
  it('reads one stream in version order from a version on, page after page', async () => {
    const streamName = uniqueStream();
    await append(test.db, { streamName, expectedVersion: NO_STREAM, events: newEvents(3) });
    await append(test.db, { streamName: uniqueStream(), expectedVersion: ANY, events: newEvents(2) });
    await append(test.db, { streamName, expectedVersion: 3n, events: newEvents(2) });

    const all = await collect(readStream(test.db, { streamName, pageSize: 2 }));
    const fromThree = await collect(readStream(test.db, { streamName, fromVersion: 3n, pageSize: 2 }));

    expect(all.map((e) => e.streamVersion)).toEqual([1n, 2n, 3n, 4n, 5n]);
    expect(all.map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }, { n: 0 }, { n: 1 }]);
    expect(fromThree.map((e) => e.streamVersion)).toEqual([3n, 4n, 5n]);
  });

  it('yields nothing for a stream that does not exist, or beyond its end', async () => {
    const streamName = uniqueStream();
    await append(test.db, { streamName, expectedVersion: NO_STREAM, events: newEvents(1) });
    expect(await collect(readStream(test.db, { streamName: uniqueStream() }))).toEqual([]);
    expect(await collect(readStream(test.db, { streamName, fromVersion: 2n }))).toEqual([]);
  });
});

describe('reading through a registry', () => {
  // v1 stored { name }; v2 is { firstName, lastName }.
  const registry = defineEventRegistry({
    PersonNamed: {
      version: 2,
      schema: z.object({ firstName: z.string(), lastName: z.string() }),
      upcast: {
        1: (old) => {
          const [firstName = '', lastName = ''] = z.object({ name: z.string() }).parse(old).name.split(' ');
          return { firstName, lastName };
        },
      },
    },
  });

  it('upcasts data stored at an older schema version to the current one, in every reader', async () => {
    const streamName = uniqueStream('person');
    const [stored] = await append(test.db, {
      streamName,
      expectedVersion: NO_STREAM,
      events: [{ ...newEvent('PersonNamed', { name: 'Grace Hopper' }), schemaVersion: 1 }],
    }).then((r) => r.positions);
    await append(
      test.db,
      {
        streamName,
        expectedVersion: 1n,
        events: [newEvent('PersonNamed', { firstName: 'Ada', lastName: 'L' })],
      },
      { registry },
    );
    const expected = [
      { schemaVersion: 2, data: { firstName: 'Grace', lastName: 'Hopper' } },
      { schemaVersion: 2, data: { firstName: 'Ada', lastName: 'L' } },
    ];

    expect(await collect(readStream(test.db, { streamName, registry }))).toMatchObject(expected);
    expect(await collect(readAll(test.db, { filter: { streamName }, registry }))).toMatchObject(expected);
    const page = await readAllPage(test.db, { after: (stored ?? 1n) - 1n, limit: 1, registry });
    expect(page.events).toMatchObject([expected[0]]);
    expect(await collect(readStream(test.db, { streamName }))).toMatchObject([
      { schemaVersion: 1, data: { name: 'Grace Hopper' } },
      { schemaVersion: 2 },
    ]);
  });

  it('fails with the type and field path when stored data does not upcast to a valid event', async () => {
    const streamName = uniqueStream('person');
    await append(test.db, {
      streamName,
      expectedVersion: NO_STREAM,
      events: [{ ...newEvent('PersonNamed', { firstName: 'only' }), schemaVersion: 2 }],
    });

    const reading = collect(readStream(test.db, { streamName, registry }));

    await expect(reading).rejects.toThrow(EventValidationError);
    await expect(reading).rejects.toMatchObject({ eventType: 'PersonNamed', path: 'lastName' });
  });
});
