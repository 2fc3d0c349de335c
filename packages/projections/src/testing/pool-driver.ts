import { randomUUID } from 'node:crypto';
import type { DrainReason, Labels, PoolEvent, Version } from '@rollcall/contracts';
import { poolStream } from '@rollcall/contracts';
import { decide, evolve, initialState, type PoolCommand, type PoolState } from '@rollcall/domain';
import { append, type EventLogDatabase } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';

type Ref = { namespace: string; pool: string };

/**
 * Drives pool aggregates the way the registry does (fold, decide, append with the version read), so the
 * read models see realistic event sequences. Keeps each pool's state in memory; one writer per pool.
 */
export function poolDriver(db: Kysely<EventLogDatabase>, clock: () => Date) {
  const pools = new Map<string, { state: PoolState; version: bigint }>();
  const metadata = () => ({ now: clock(), actor: 'test' });

  /** Decides and appends; returns the events appended and the position of the last one (null: none). */
  async function run(command: PoolCommand): Promise<{ events: PoolEvent[]; position: bigint | null }> {
    const stream = poolStream(command.data.namespace, command.data.pool);
    const current = pools.get(stream) ?? { state: initialState(), version: 0n };
    const events = decide(command, current.state);
    if (events.length === 0) return { events, position: null };
    const result = await append(db, {
      streamName: stream,
      expectedVersion: current.version,
      events: events.map((event) => ({ eventId: randomUUID(), type: event.type, data: event.data })),
    });
    pools.set(stream, { state: events.reduce(evolve, current.state), version: result.nextExpectedVersion });
    return { events, position: result.positions.at(-1) ?? null };
  }

  return {
    run,
    state: (ref: Ref): PoolState => pools.get(poolStream(ref.namespace, ref.pool))?.state ?? initialState(),
    configure: (ref: Ref, config: { drainOnVersionUpgrade?: boolean; drainTimeoutSeconds?: number } = {}) =>
      run({
        type: 'ConfigurePool',
        data: {
          ...ref,
          drainOnVersionUpgrade: config.drainOnVersionUpgrade ?? true,
          drainTimeoutSeconds: config.drainTimeoutSeconds ?? 300,
          autoUpgrade: false,
          maxVersionStep: 10,
        },
        metadata: metadata(),
      }),
    connect: (
      ref: Ref,
      runnerId: string,
      version: Version,
      options: { serverId?: string; slots?: number; labels?: Labels; build?: string } = {},
    ) =>
      run({
        type: 'ConnectRunner',
        data: {
          ...ref,
          runnerId,
          version,
          build: options.build ?? `b${version}`,
          serverId: options.serverId ?? 'server-1',
          slots: options.slots ?? 2,
          labels: options.labels ?? {},
        },
        metadata: metadata(),
      }),
    activity: (ref: Ref, runnerId: string, activeSessions: number) =>
      run({ type: 'RecordActivity', data: { ...ref, runnerId, activeSessions }, metadata: metadata() }),
    drain: (ref: Ref, runnerIds: readonly string[], reason: DrainReason = 'operator') =>
      run({
        type: 'RequestDrain',
        data: { ...ref, target: { by: 'runnerIds', runnerIds }, reason, deadlineSeconds: 60 },
        metadata: metadata(),
      }),
    undrain: (ref: Ref, runnerId: string) =>
      run({ type: 'Undrain', data: { ...ref, runnerId }, metadata: metadata() }),
    stop: (ref: Ref, runnerId: string) =>
      run({
        type: 'RequestStop',
        data: { ...ref, runnerId, forced: false, reason: 'drain_complete' },
        metadata: metadata(),
      }),
    disconnect: (ref: Ref, runnerId: string) =>
      run({ type: 'DisconnectRunner', data: { ...ref, runnerId, reason: 'bye' }, metadata: metadata() }),
    lose: (ref: Ref, runnerId: string) =>
      run({
        type: 'MarkLost',
        data: { ...ref, runnerId, reason: 'missed_heartbeats', lastSeenAt: clock().toISOString() },
        metadata: metadata(),
      }),
    publish: (ref: Ref, version: Version) =>
      run({
        type: 'PublishVersion',
        data: {
          ...ref,
          version,
          build: `b${version}`,
          artifact: `registry.example.com/${ref.pool}:${version}`,
        },
        metadata: metadata(),
      }),
  };
}

export type PoolDriver = ReturnType<typeof poolDriver>;

/** A clock for tests that moves `stepMs` forward on every reading, from `start`. */
export function tickingClock(start: string, stepMs = 1000): () => Date {
  let next = Date.parse(start);
  return () => {
    const reading = new Date(next);
    next += stepMs;
    return reading;
  };
}
