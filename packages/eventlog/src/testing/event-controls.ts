import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { append } from '../append';
import { ANY } from '../expected-version';
import type { EventLogDatabase } from '../tables';

export const silentLogger = pino({ level: 'silent' });

/** A stream name no other test uses: `<category>-<random id>`. */
export function uniqueStream(category = 'test'): string {
  return `${category}-${randomUUID().slice(0, 8)}`;
}

export interface Appended {
  ids: string[];
  positions: bigint[];
}

/** Appends `count` events `{ n }` (n from 0), one append per event, with `data(n)` overriding the data. */
export async function appendEvents(
  db: Kysely<EventLogDatabase>,
  streamName: string,
  count: number,
  data: (n: number) => Record<string, unknown> = (n) => ({ n }),
): Promise<Appended> {
  const appended: Appended = { ids: [], positions: [] };
  for (let n = 0; n < count; n += 1) {
    const eventId = randomUUID();
    const result = await append(db, {
      streamName,
      expectedVersion: ANY,
      events: [{ eventId, type: 'TestHappened', data: data(n) }],
    });
    appended.ids.push(eventId);
    appended.positions.push(...result.positions);
  }
  return appended;
}
