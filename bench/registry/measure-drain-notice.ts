import { jetstream } from '@nats-io/jetstream';
import { startRunnerCommandRelay } from '@rollcall/drainer';
import { createEventLogDb } from '@rollcall/eventlog';
import { createLogger } from '@rollcall/service-kit';
import { type BenchNats, openBenchNats } from './bench-nats';
import { configurePools } from './configure-pools';
import { drainListener } from './drain-listener';
import { withFreshLog } from './fresh-log';
import { type InProcessRegistry, startInProcessRegistry } from './in-process-registry';
import { measureRtt } from './measure-rtt';
import { publishMessages } from './publish-messages';
import type { RegistryOptions } from './registry-options';
import { connectPayload, poolOf, type RunnerMessage, runnerMessage } from './runner-message';
import { waitUntil } from './wait-until';

export interface DrainNoticeMeasurement {
  /** Per upgrade: from the newer runner's connect publish to the last older runner's drain arriving, ms. */
  readonly allDrainedMs: readonly number[];
  /** Per upgrade: ... to the first drain arriving, ms. */
  readonly firstDrainMs: readonly number[];
  /** NATS request/reply round trips, ms. */
  readonly rttMs: readonly number[];
  /** Older runners drained per upgrade (the pool's size). */
  readonly drainsPerUpgrade: number;
  /** Drains that arrived twice or for a runner not being drained. */
  readonly unexpectedDrains: number;
}

const NAMESPACE = 'bench';

/**
 * A fleet of `drainRunners` runners in `drainPools` pools (drain on version upgrade) behind an in-process
 * registry and the drainer's relay. Each upgrade publishes one newer runner's connect into a pool and waits
 * until every older runner of that pool got its drain command on its own subject, one upgrade at a time.
 * A round upgrades every pool once; between rounds the drained runners disconnect and the pools refill at
 * the new version, so every upgrade drains a full pool. The reference: NATS request/reply round trips in
 * the same process, on the same server.
 */
export async function measureDrainNotice(
  serverConnectionString: string,
  natsUrl: string,
  options: RegistryOptions,
  log: (line: string) => void,
): Promise<DrainNoticeMeasurement> {
  return withFreshLog(serverConnectionString, async ({ connectionString, db }) => {
    const nats = await openBenchNats(natsUrl);
    const stop = new AbortController();
    let registry: InProcessRegistry | undefined;
    let relay: Promise<void> | undefined;
    const relayDb = createEventLogDb({ connectionString, applicationName: 'bench-drainer' });
    try {
      const pools = Array.from({ length: options.drainPools }, (_, p) => poolOf(p, options.drainPools));
      await configurePools(db, NAMESPACE, [...pools, 'warmup']);
      registry = await startInProcessRegistry(nats, connectionString);
      relay = startRunnerCommandRelay({
        db: relayDb,
        connectionString,
        nc: await nats.connection('drainer'),
        prefix: nats.prefix,
        signal: stop.signal,
        logger: createLogger({ service: 'bench-drainer', level: 'warn' }),
        lockRetryMs: 100,
      });
      return await run(nats, registry, pools, options, log);
    } finally {
      stop.abort();
      await relay;
      await registry?.stop();
      await relayDb.destroy();
      await nats.close();
    }
  });
}

async function run(
  nats: BenchNats,
  registry: InProcessRegistry,
  pools: readonly string[],
  options: RegistryOptions,
  log: (line: string) => void,
): Promise<DrainNoticeMeasurement> {
  const fleet = await nats.connection('fleet');
  const runners = await nats.connection('runners');
  const listener = drainListener(runners, nats.prefix, NAMESPACE);
  await listener.ready();
  const js = jetstream(fleet);
  const perPool = Math.floor(options.drainRunners / options.drainPools);
  // Runners in service per pool, by id, with their version.
  const active = new Map<string, Map<string, number>>(pools.map((pool) => [pool, new Map()]));
  let published = 0;
  const settle = async (messages: readonly RunnerMessage[]) => {
    await publishMessages(fleet, messages, options.publishWindow);
    published += messages.length;
    await waitUntil(async () => total(await registry.settled()) >= published, {
      what: 'the fleet to be registered',
      intervalMs: 20,
    });
  };
  const connect = (runnerId: string, pool: string, version: number, i: number) => {
    active.get(pool)?.set(runnerId, version);
    return runnerMessage(
      nats.prefix,
      NAMESPACE,
      'connected',
      { ...connectPayload(i, pools.length, version), runnerId, pool },
      `${runnerId}-c`,
    );
  };

  const started = performance.now();
  await settle(
    Array.from({ length: perPool * pools.length }, (_, i) => {
      const pool = poolOf(i, pools.length);
      return connect(`r${i + 1}-v1`, pool, 1, i);
    }),
  );
  log(`registry drain_notice: ${perPool * pools.length} runners registered in ${seconds(started)} s`);
  await settle(Array.from({ length: 10 }, (_, i) => connect(`w${i + 1}-v1`, 'warmup', 1, i)));
  const upgrade = async (pool: string, version: number, runnerId: string) => {
    const inService = active.get(pool) ?? new Map<string, number>();
    const older = [...inService].filter(([, v]) => v < version).map(([id]) => id);
    const arrivals = listener.expect(older, version);
    const message = connect(runnerId, pool, version, 0);
    const sent = performance.now();
    await js.publish(message.subject, message.data, { msgID: message.msgId });
    const { first, last } = await arrivals;
    published += 1;
    for (const id of older) inService.delete(id);
    return { first: first - sent, last: last - sent, drained: older };
  };
  active.set('warmup', new Map(Array.from({ length: 10 }, (_, i) => [`w${i + 1}-v1`, 1])));
  await upgrade('warmup', 2, 'w-up-v2');

  const rttMs = await measureRtt(fleet, runners, `${nats.prefix}.rtt`, options.rttSamples);
  const allDrainedMs: number[] = [];
  const firstDrainMs: number[] = [];
  for (let round = 1; round <= options.drainRounds; round++) {
    const version = round + 1;
    const drained: string[] = [];
    for (const pool of pools) {
      const result = await upgrade(pool, version, `${pool}-up-v${version}`);
      allDrainedMs.push(result.last);
      firstDrainMs.push(result.first);
      drained.push(...result.drained);
    }
    log(`registry drain_notice: round ${round}/${options.drainRounds} upgraded ${pools.length} pools`);
    if (round === options.drainRounds) break;
    // The drained runners leave; the pools refill at the new version, so the next round drains full pools.
    const refill: RunnerMessage[] = drained.map((runnerId) =>
      runnerMessage(nats.prefix, NAMESPACE, 'disconnected', { runnerId, reason: 'drained' }, `${runnerId}-d`),
    );
    pools.forEach((pool, p) => {
      for (let k = 1; k < perPool; k++) refill.push(connect(`${pool}-n${k}-v${version}`, pool, version, p));
    });
    await settle(refill);
  }
  listener.close();
  return {
    allDrainedMs,
    firstDrainMs,
    rttMs,
    drainsPerUpgrade: perPool,
    unexpectedDrains: listener.unexpected,
  };
}

function total(byKind: Record<string, number>): number {
  return Object.values(byKind).reduce((sum, n) => sum + n, 0);
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}
