import type { PoolEvent } from '@rollcall/contracts';
import { decide, evolve, initialState, type PoolCommand, type PoolState } from '@rollcall/domain';

export interface PoolHistorySettings {
  namespace: string;
  pool: string;
  /** Runners of each version. */
  runners: number;
  /** Busy <-> idle transitions per runner per version. */
  transitions: number;
  /** When the pool's story starts; each command happens a second after the previous one. */
  start: Date;
}

/**
 * A pool's life as the domain decides it, version after version: the pool is configured to drain on
 * upgrade; each version's runners connect (the first one's connect drains every runner of the previous
 * version), go busy and idle a few times, and the drained runners disconnect. Yields one version's events at
 * a time, forever: the caller takes as many as it needs.
 */
export function* poolHistory(settings: PoolHistorySettings): Generator<PoolEvent[], never, undefined> {
  const { namespace, pool } = settings;
  let state: PoolState = initialState();
  let clock = settings.start.getTime();
  const run = (command: (now: Date) => PoolCommand, into: PoolEvent[]) => {
    clock += 1000;
    for (const event of decide(command(new Date(clock)), state)) {
      state = evolve(state, event);
      into.push(event);
    }
  };
  const actor = 'bench';
  const first: PoolEvent[] = [];
  run(
    (now) => ({
      type: 'ConfigurePool',
      data: {
        namespace,
        pool,
        drainOnVersionUpgrade: true,
        drainTimeoutSeconds: 600,
        autoUpgrade: false,
        maxVersionStep: 10,
      },
      metadata: { now, actor },
    }),
    first,
  );
  yield first;
  const runnerId = (version: number, i: number) => `${pool}-v${version}-r${i + 1}`;
  for (let version = 1; ; version++) {
    const events: PoolEvent[] = [];
    for (let i = 0; i < settings.runners; i++) {
      const id = runnerId(version, i);
      run(
        (now) => ({
          type: 'ConnectRunner',
          data: {
            namespace,
            pool,
            runnerId: id,
            version,
            build: `build-${version}`,
            serverId: `${pool}-server-${(i % 10) + 1}`,
            slots: 4,
            labels: { workspace: `ws-${(i % 7) + 1}` },
          },
          metadata: { now, actor: `runner:${id}` },
        }),
        events,
      );
    }
    for (let round = 0; round < settings.transitions; round++) {
      for (let i = 0; i < settings.runners; i++) {
        const id = runnerId(version, i);
        const activeSessions = round % 2 === 0 ? 1 + ((i + round) % 4) : 0;
        run(
          (now) => ({
            type: 'RecordActivity',
            data: { namespace, pool, runnerId: id, activeSessions },
            metadata: { now, actor: `runner:${id}` },
          }),
          events,
        );
      }
    }
    if (version > 1) {
      for (let i = 0; i < settings.runners; i++) {
        const id = runnerId(version - 1, i);
        run(
          (now) => ({
            type: 'DisconnectRunner',
            data: { namespace, pool, runnerId: id, reason: 'drained' },
            metadata: { now, actor: `runner:${id}` },
          }),
          events,
        );
      }
    }
    yield events;
  }
}
