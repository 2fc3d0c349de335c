import { PoolEvent, poolStream, type RunnerId } from '@rollcall/contracts';
import type { PoolCommand } from '@rollcall/domain';
import { type EventLogDatabase, readStream } from '@rollcall/eventlog';
import { handlePoolCommand } from '@rollcall/pool-commands';
import type { Kysely } from 'kysely';

/** A stored pool event, parsed, with where it sits in the log. */
export type LoggedPoolEvent = PoolEvent & { readonly position: bigint };

/**
 * One pool of a test, driven through the domain as the registry and the api would (the registry's own
 * tests cover runner messages becoming these commands): runners connect, take and end sessions, are
 * drained by an operator and disconnect.
 */
export function testPool(db: Kysely<EventLogDatabase>, namespace: string, pool = 'web') {
  const ref = { namespace, pool };
  const metadata = (actor: string) => ({ now: new Date(), actor });
  const run = (command: PoolCommand) => handlePoolCommand(db, command);

  return {
    ref,
    async connect(runnerId: RunnerId): Promise<void> {
      await run({
        type: 'ConnectRunner',
        data: { ...ref, runnerId, version: 1, serverId: 'server-1', slots: 4, labels: {} },
        metadata: metadata(`runner:${runnerId}`),
      });
    },
    /** The runner reports `activeSessions` (only busy/idle transitions become events). */
    async sessions(runnerId: RunnerId, activeSessions: number): Promise<void> {
      await run({
        type: 'RecordActivity',
        data: { ...ref, runnerId, activeSessions },
        metadata: metadata(`runner:${runnerId}`),
      });
    },
    /** An operator drains the runners; returns the position of the last drain. */
    async drain(runnerIds: readonly RunnerId[], deadlineSeconds: number): Promise<bigint> {
      const { positions } = await run({
        type: 'RequestDrain',
        data: { ...ref, target: { by: 'runnerIds', runnerIds }, reason: 'operator', deadlineSeconds },
        metadata: metadata('operator:alice'),
      });
      const last = positions.at(-1);
      if (last === undefined) throw new Error(`no drain recorded for ${runnerIds.join(', ')}`);
      return last;
    },
    async disconnect(runnerId: RunnerId): Promise<void> {
      await run({
        type: 'DisconnectRunner',
        data: { ...ref, runnerId, reason: 'stopped as told' },
        metadata: metadata(`runner:${runnerId}`),
      });
    },
    async events(): Promise<LoggedPoolEvent[]> {
      const events: LoggedPoolEvent[] = [];
      for await (const recorded of readStream(db, { streamName: poolStream(namespace, pool) })) {
        const event = PoolEvent.parse({ type: recorded.type, data: recorded.data });
        events.push({ ...event, position: recorded.globalPosition });
      }
      return events;
    },
  };
}
