import { VersionPublishedData } from '@rollcall/contracts';
import { type EventLogDatabase, type RecordedEvent, runSubscription, type Wake } from '@rollcall/eventlog';
import { poolEventRegistry } from '@rollcall/pool-commands';
import type { Logger } from '@rollcall/service-kit';
import type { Kysely } from 'kysely';
import type { Registry } from 'prom-client';
import { autoUpgradeMetrics } from './auto-upgrade-metrics';
import { type AutoUpgradeDeps, decideOnPublishedVersion } from './decide-on-published-version';

/** The subscription's checkpoint (`checkpoints.consumer`), lock and dead-letter source. */
export const AUTO_UPGRADE_SUBSCRIPTION = 'auto-upgrade';

export interface AutoUpgradeOptions {
  /** The event log's database, migrated with `migrateToLatest`. */
  db: Kysely<EventLogDatabase>;
  /** The same database's URL, for the subscription's lock session (and LISTEN without `wake`). */
  connectionString: string;
  /** Stamps the rollouts it starts. */
  clock: () => Date;
  logger: Logger;
  /** Where `rollcall_auto_upgrade_decisions_total` (and the subscription's series) are registered. */
  metrics: Registry;
  /** Shared append notifications; without them the subscription listens on its own connection. */
  wake?: Wake | undefined;
  /** How often a standby replica asks to lead, in ms. @default 5000 */
  lockRetryMs?: number | undefined;
  /** Aborting it stops the trigger, like `stop()` (for wiring beside parts that share one signal). */
  signal?: AbortSignal | undefined;
}

export interface RunningAutoUpgrade {
  /** Stops after the decision in hand; resolves once the subscription has stopped. */
  stop(): Promise<void>;
  /** Resolves once the subscription has stopped (after `stop()` or the `signal`). */
  readonly stopped: Promise<void>;
}

/**
 * The auto-upgrade trigger: a subscription to every `VersionPublished` (one replica leads, its own
 * checkpoint) that decides whether the new version rolls out by itself and starts that rollout. At least
 * once: a publish handled again after a crash finds its rollout already started under the same id.
 */
export function startAutoUpgrade(options: AutoUpgradeOptions): RunningAutoUpgrade {
  const logger = options.logger.child({ task: AUTO_UPGRADE_SUBSCRIPTION });
  const deps: AutoUpgradeDeps = {
    db: options.db,
    clock: options.clock,
    logger,
    metrics: autoUpgradeMetrics(options.metrics),
  };
  const stopping = new AbortController();
  const running = runSubscription({
    db: options.db,
    connectionString: options.connectionString,
    name: AUTO_UPGRADE_SUBSCRIPTION,
    filter: { category: 'pool', types: ['VersionPublished'] },
    registry: poolEventRegistry,
    // One publish at a time: each decision reads the pool as the previous one left it.
    batchSize: 1,
    mode: 'at-least-once',
    handler: async (events) => {
      for (const event of events) await decideOnPublishedVersion(deps, publishedVersionOf(event));
    },
    signal:
      options.signal === undefined ? stopping.signal : AbortSignal.any([stopping.signal, options.signal]),
    logger,
    metrics: options.metrics,
    ...(options.wake === undefined ? {} : { wake: options.wake }),
    ...(options.lockRetryMs === undefined ? {} : { lockRetryMs: options.lockRetryMs }),
  });
  logger.info('auto-upgrade trigger started');
  return {
    stop: async () => {
      stopping.abort();
      await running;
    },
    stopped: running,
  };
}

/** The registry parsed the data on read; parsed again here to get its type rather than cast it. */
function publishedVersionOf(event: RecordedEvent) {
  return {
    eventId: event.eventId,
    data: VersionPublishedData.parse(event.data),
    metadata: event.metadata,
  };
}
