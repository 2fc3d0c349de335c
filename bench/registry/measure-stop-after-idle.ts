import type { PoolCommand } from '@rollcall/domain';
import { migrateDrainer, startDrainer } from '@rollcall/drainer';
import { createEventLogDb, type EventLogDatabase } from '@rollcall/eventlog';
import { handlePoolCommand } from '@rollcall/pool-commands';
import { createLogger } from '@rollcall/service-kit';
import type { Kysely } from 'kysely';
import { Registry } from 'prom-client';
import { openBenchNats } from './bench-nats';
import { configurePools } from './configure-pools';
import { withFreshLog } from './fresh-log';
import type { RegistryOptions } from './registry-options';

export interface StopAfterIdleMeasurement {
  /** Per drained runner: from the heartbeat decision appending RunnerBecameIdle to its stop arriving, ms. */
  readonly stopMs: readonly number[];
}

export class StopAfterIdleError extends Error {
  override readonly name = 'StopAfterIdleError';
}

const NAMESPACE = 'bench';
const POOL = 'idle';
const WARMUP = 3;

/**
 * The drainer (process manager and relay, in-process) stopping a draining runner once it goes idle. For each
 * sample a runner connects, takes a session, is drained by an operator; then its activity drops to 0 (the
 * pool command that appends RunnerBecameIdle, as the registry would on its heartbeat), and the clock runs
 * until the stop command reaches the runner's subject, as the runner listening there sees it.
 */
export async function measureStopAfterIdle(
  serverConnectionString: string,
  natsUrl: string,
  options: RegistryOptions,
  log: (line: string) => void,
): Promise<StopAfterIdleMeasurement> {
  return withFreshLog(serverConnectionString, async ({ connectionString, db }) => {
    await migrateDrainer(db);
    await configurePools(db, NAMESPACE, [POOL]);
    const nats = await openBenchNats(natsUrl);
    const stop = new AbortController();
    const drainerDb = createEventLogDb({ connectionString, applicationName: 'bench-drainer' });
    const drainer = startDrainer({
      db: drainerDb,
      connectionString,
      nc: await nats.connection('drainer'),
      prefix: nats.prefix,
      clock: () => new Date(),
      logger: createLogger({ service: 'bench-drainer', level: 'warn' }),
      metrics: new Registry(),
      signal: stop.signal,
      lockRetryMs: 100,
    });
    try {
      const runners = await nats.connection('runners');
      const head = `${nats.prefix}.v1.${NAMESPACE}.runner.`;
      const awaited = new Map<string, (at: number) => void>();
      runners.subscribe(`${head}*.stop`, {
        callback: (_error, msg) => {
          const at = performance.now();
          awaited.get(msg.subject.slice(head.length, -'.stop'.length))?.(at);
        },
      });
      await runners.flush();
      const stopMs: number[] = [];
      for (let i = 0; i < WARMUP + options.stopSamples; i++) {
        const latency = await sample(db, `r${i + 1}`, awaited);
        if (i >= WARMUP) stopMs.push(latency);
      }
      log(`registry stop_after_idle: ${stopMs.length} runners drained and stopped once idle`);
      return { stopMs };
    } finally {
      stop.abort();
      await drainer.stopped;
      await drainerDb.destroy();
      await nats.close();
    }
  });
}

async function sample(
  db: Kysely<EventLogDatabase>,
  runnerId: string,
  awaited: Map<string, (at: number) => void>,
): Promise<number> {
  const ref = { namespace: NAMESPACE, pool: POOL };
  const run = (command: PoolCommand) => handlePoolCommand(db, command);
  const metadata = (actor: string) => ({ now: new Date(), actor });
  await run({
    type: 'ConnectRunner',
    data: { ...ref, runnerId, version: 1, serverId: 'bench-1', slots: 4, labels: {} },
    metadata: metadata(`runner:${runnerId}`),
  });
  await run({
    type: 'RecordActivity',
    data: { ...ref, runnerId, activeSessions: 1 },
    metadata: metadata(`runner:${runnerId}`),
  });
  await run({
    type: 'RequestDrain',
    data: {
      ...ref,
      target: { by: 'runnerIds', runnerIds: [runnerId] },
      reason: 'operator',
      deadlineSeconds: 600,
    },
    metadata: metadata('operator:bench'),
  });
  const arrived = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new StopAfterIdleError(`no stop for ${runnerId}`)), 30_000);
    awaited.set(runnerId, (at) => {
      clearTimeout(timer);
      resolve(at);
    });
  });
  const idleAt = performance.now();
  await run({
    type: 'RecordActivity',
    data: { ...ref, runnerId, activeSessions: 0 },
    metadata: metadata(`runner:${runnerId}`),
  });
  const latency = (await arrived) - idleAt;
  awaited.delete(runnerId);
  await run({
    type: 'DisconnectRunner',
    data: { ...ref, runnerId, reason: 'stopped as told' },
    metadata: metadata(`runner:${runnerId}`),
  });
  return latency;
}
