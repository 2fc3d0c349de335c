import { randomUUID } from 'node:crypto';
import { useTestDatabase } from '@rollcall/testkit';
import type { Transaction } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { append } from './append';
import { ANY } from './expected-version';
import { headPosition } from './head-position';
import { listenForAppends } from './notifications';
import { type SubscriptionPage, subscribe } from './subscribe';
import type { EventLogDatabase } from './tables';
import { appendEvents, silentLogger, uniqueStream } from './testing/event-controls';

const uniqueCategory = () => `c${randomUUID().slice(0, 8)}`;

async function appendOne(trx: Transaction<EventLogDatabase>, streamName: string): Promise<readonly bigint[]> {
  const result = await append(trx, {
    streamName,
    expectedVersion: ANY,
    events: [{ eventId: randomUUID(), type: 'TestHappened', data: {} }],
  });
  return result.positions;
}

// Long enough that only a notification (or the end of the test) can end an idle wait.
const NEVER_POLL = 600_000;

describe('subscribe', () => {
  const test = useTestDatabase();
  const stops: AbortController[] = [];
  const stopper = () => {
    const controller = new AbortController();
    stops.push(controller);
    return controller;
  };
  afterEach(() => {
    for (const controller of stops.splice(0)) controller.abort();
  });

  /** Pulls pages until `until` holds for the events gathered so far. */
  async function gather(
    pages: AsyncGenerator<SubscriptionPage>,
    until: (events: bigint[]) => boolean,
  ): Promise<bigint[]> {
    const positions: bigint[] = [];
    while (!until(positions)) {
      const next = await pages.next();
      if (next.done) throw new Error('the subscription ended early');
      if (next.value.kind === 'events') positions.push(...next.value.events.map((e) => e.globalPosition));
    }
    return positions;
  }

  async function untilCaughtUp(pages: AsyncGenerator<SubscriptionPage>): Promise<bigint> {
    for (;;) {
      const next = await pages.next();
      if (next.done) throw new Error('the subscription ended early');
      if (next.value.kind === 'caught-up') return next.value.position;
    }
  }

  it('delivers events appended after it caught up, woken by NOTIFY', async () => {
    const listening = stopper();
    const listener = listenForAppends({
      connectionString: test.url,
      signal: listening.signal,
      logger: silentLogger,
    });
    await vi.waitFor(() => expect(listener.generation).toBeGreaterThan(0));
    const stream = uniqueStream();
    const pages = subscribe(test.db, {
      after: await headPosition(test.db),
      filter: { streamName: stream },
      signal: stopper().signal,
      wake: listener,
      pollIntervalMs: NEVER_POLL,
      maxPollIntervalMs: NEVER_POLL,
    });
    await untilCaughtUp(pages);

    const appended = await appendEvents(test.db, stream, 3);

    expect(await gather(pages, (seen) => seen.length >= 3)).toEqual(appended.positions);
    listening.abort();
    await listener.closed;
  });

  it('delivers them by polling when there are no notifications', async () => {
    const stream = uniqueStream();
    const pages = subscribe(test.db, {
      after: await headPosition(test.db),
      filter: { streamName: stream },
      signal: stopper().signal,
      pollIntervalMs: 10,
      maxPollIntervalMs: 50,
    });
    await untilCaughtUp(pages);

    const appended = await appendEvents(test.db, stream, 4);

    expect(await gather(pages, (seen) => seen.length >= 4)).toEqual(appended.positions);
  });

  it('delivers in pages of at most batchSize, moving past events the filter leaves out', async () => {
    const after = await headPosition(test.db);
    const mine = uniqueStream();
    const first = await appendEvents(test.db, mine, 3);
    await appendEvents(test.db, uniqueStream(), 4);
    const second = await appendEvents(test.db, mine, 2);
    const head = await headPosition(test.db);

    const pages = subscribe(test.db, {
      after,
      batchSize: 2,
      filter: { streamName: mine },
      signal: stopper().signal,
      pollIntervalMs: NEVER_POLL,
    });
    const seen: SubscriptionPage[] = [];
    for await (const page of pages) {
      seen.push(page);
      if (page.kind === 'caught-up') break;
    }

    const events = seen.flatMap((page) => (page.kind === 'events' ? page.events : []));
    expect(events.map((e) => e.globalPosition)).toEqual([...first.positions, ...second.positions]);
    expect(seen.every((page) => page.kind === 'caught-up' || page.events.length <= 2)).toBe(true);
    expect(seen.at(-1)).toEqual({ kind: 'caught-up', position: head });
  });

  it('never skips an event whose transaction commits after a later one', async () => {
    const category = uniqueCategory();
    const pages = subscribe(test.db, {
      after: await headPosition(test.db),
      filter: { category },
      signal: stopper().signal,
      pollIntervalMs: 10,
      maxPollIntervalMs: 20,
    });
    await untilCaughtUp(pages);

    const slow = await test.db.startTransaction().execute();
    const early = await appendOne(slow, `${category}-slow`);
    const late = await appendEvents(test.db, `${category}-fast`, 1);
    expect(late.positions[0]).toBeGreaterThan(early[0] ?? 0n);
    // The later position is committed, the earlier one not yet: the reader has to hold back.
    const held = pages.next();
    await slow.commit().execute();

    const page = await held;
    const first = page.value?.kind === 'events' ? page.value.events.map((e) => e.globalPosition) : [];
    const rest = await gather(pages, (seen) => first.length + seen.length >= 2);
    expect([...first, ...rest]).toEqual([...early, ...late.positions]);
  });

  it('steps over the position of a rolled-back append', async () => {
    const category = uniqueCategory();
    const pages = subscribe(test.db, {
      after: await headPosition(test.db),
      filter: { category },
      signal: stopper().signal,
      pollIntervalMs: 10,
      maxPollIntervalMs: 20,
    });
    await untilCaughtUp(pages);

    const doomed = await test.db.startTransaction().execute();
    await appendOne(doomed, `${category}-doomed`);
    const kept = await appendEvents(test.db, `${category}-kept`, 1);
    await doomed.rollback().execute();

    expect(await gather(pages, (seen) => seen.length >= 1)).toEqual(kept.positions);
  });

  it('ends while idle as soon as its signal aborts', async () => {
    const stop = stopper();
    const pages = subscribe(test.db, {
      after: await headPosition(test.db),
      signal: stop.signal,
      pollIntervalMs: NEVER_POLL,
    });
    await untilCaughtUp(pages);
    const next = pages.next();
    stop.abort();
    expect(await next).toEqual({ done: true, value: undefined });
  });

  it('keeps waking readers after its listening connection is killed', async () => {
    const listening = stopper();
    const applicationName = `listen-${randomUUID().slice(0, 8)}`;
    const listener = listenForAppends({
      connectionString: test.url,
      signal: listening.signal,
      logger: silentLogger,
      applicationName,
      reconnectDelayMs: 10,
    });
    await vi.waitFor(() => expect(listener.generation).toBeGreaterThan(0));
    const beforeKill = listener.generation;
    const killer = new pg.Client({ connectionString: test.url });
    await killer.connect();
    const killed = await killer.query(
      'select pg_terminate_backend(pid) as done from pg_stat_activity where application_name = $1',
      [applicationName],
    );
    await killer.end();
    expect(killed.rows).toEqual([{ done: true }]);
    // Bumped once LISTEN runs again on a new connection (nothing is appended meanwhile).
    await vi.waitFor(() => expect(listener.generation).toBeGreaterThan(beforeKill), { timeout: 10_000 });

    const stream = uniqueStream();
    const pages = subscribe(test.db, {
      after: await headPosition(test.db),
      filter: { streamName: stream },
      signal: stopper().signal,
      wake: listener,
      pollIntervalMs: NEVER_POLL,
      maxPollIntervalMs: NEVER_POLL,
    });
    await untilCaughtUp(pages);
    const appended = await appendEvents(test.db, stream, 2);

    expect(await gather(pages, (seen) => seen.length >= 2)).toEqual(appended.positions);
    listening.abort();
    await listener.closed;
  });
});
