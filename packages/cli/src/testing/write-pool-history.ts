import { randomUUID } from 'node:crypto';
import { poolStream } from '@rollcall/contracts';
import {
  decide,
  evolve,
  initialState,
  type PoolCommand,
  PoolCommandError,
  type PoolState,
} from '@rollcall/domain';
import { append, type EventLogDatabase } from '@rollcall/eventlog';
import { seededRandom } from '@rollcall/testkit';
import type { Kysely } from 'kysely';

export interface PoolHistoryOptions {
  namespace: string;
  pools: number;
  /** Commands tried; refused ones (e.g. activity of an unknown runner) are skipped. */
  steps: number;
  seed: number;
}

/**
 * Writes a randomized but realistic pool history to the log through the real decider, as the registry would:
 * pools configured (the first drains on upgrade), runners connecting (sometimes a newer version, which drains
 * the older ones), going busy and idle, disconnecting. Returns how many events were appended.
 */
export async function writePoolHistory(
  db: Kysely<EventLogDatabase>,
  { namespace, pools, steps, seed }: PoolHistoryOptions,
): Promise<number> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const names = Array.from({ length: pools }, (_, i) => `pool-${i + 1}`);
  const streams = new Map<string, { state: PoolState; version: bigint }>(
    names.map((pool) => [pool, { state: initialState(), version: 0n }]),
  );
  const runnerIds = new Map<string, string[]>(names.map((pool) => [pool, []]));
  const versions = new Map(names.map((pool) => [pool, 1]));
  let clock = Date.parse('2026-01-31T12:00:00.000Z');
  let appended = 0;

  const run = async (pool: string, command: PoolCommand) => {
    const stream = streams.get(pool);
    if (stream === undefined) return;
    let events: ReturnType<typeof decide>;
    try {
      events = decide(command, stream.state);
    } catch (error) {
      if (error instanceof PoolCommandError) return;
      throw error;
    }
    if (events.length === 0) return;
    const result = await append(db, {
      streamName: poolStream(namespace, pool),
      expectedVersion: stream.version,
      events: events.map((event) => ({
        eventId: randomUUID(),
        type: event.type,
        data: event.data,
        metadata: { actor: 'test' },
      })),
    });
    stream.version = result.nextExpectedVersion;
    stream.state = events.reduce(evolve, stream.state);
    appended += events.length;
  };

  for (const [i, pool] of names.entries()) {
    const metadata = { now: new Date(clock), actor: 'test' };
    await run(pool, {
      type: 'ConfigurePool',
      data: {
        namespace,
        pool,
        drainOnVersionUpgrade: i === 0,
        drainTimeoutSeconds: 300,
        autoUpgrade: false,
        maxVersionStep: 10,
      },
      metadata,
    });
  }
  for (let step = 0; step < steps; step += 1) {
    clock += 1000;
    const metadata = { now: new Date(clock), actor: 'test' };
    const pool = pick(names) ?? 'pool-1';
    const ids = runnerIds.get(pool) ?? [];
    const roll = random();
    if (roll < 0.4 || ids.length === 0) {
      const bump = random() < 0.15;
      const version = (versions.get(pool) ?? 1) + (bump ? 1 : 0);
      versions.set(pool, version);
      const runnerId = `${pool}-r${step}`;
      ids.push(runnerId);
      runnerIds.set(pool, ids);
      const data = { namespace, pool, runnerId, version, build: `b${version}`, serverId: `s${step % 3}` };
      await run(pool, { type: 'ConnectRunner', data: { ...data, slots: 2, labels: {} }, metadata });
    } else if (roll < 0.8) {
      const runnerId = pick(ids) ?? '';
      const activeSessions = Math.floor(random() * 3);
      await run(pool, {
        type: 'RecordActivity',
        data: { namespace, pool, runnerId, activeSessions },
        metadata,
      });
    } else {
      const runnerId = pick(ids) ?? '';
      await run(pool, {
        type: 'DisconnectRunner',
        data: { namespace, pool, runnerId, reason: 'test' },
        metadata,
      });
    }
  }
  return appended;
}
