import type { EventMetadata, VersionPublishedData } from '@rollcall/contracts';
import {
  autoUpgradeVerdict,
  PoolCommandError,
  RolloutCommandError,
  VersionNotPublishedError,
  VersionYankedError,
} from '@rollcall/domain';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { loadPool } from '@rollcall/pool-commands';
import {
  NoTargetsError,
  RolloutInFlightError,
  RolloutStrategyMissingError,
  StartRolloutRefusedError,
  startRollout,
} from '@rollcall/rollout-commands';
import type { Logger } from '@rollcall/service-kit';
import type { Kysely } from 'kysely';
import { autoRolloutId } from './auto-rollout-id';
import { AUTO_UPGRADE_ACTOR } from './auto-upgrade-actor';
import type { AutoUpgradeDecision, AutoUpgradeSkipReason } from './auto-upgrade-decision';
import type { AutoUpgradeMetrics } from './auto-upgrade-metrics';
import { loadAutoUpgradeSwitches } from './load-auto-upgrade-switches';

export interface AutoUpgradeDeps {
  db: Kysely<EventLogDatabase>;
  /** Stamps the rollout's start. */
  clock: () => Date;
  logger: Logger;
  metrics: AutoUpgradeMetrics;
}

/** One `VersionPublished` as the trigger reads it from the log. */
export interface PublishedVersion {
  eventId: string;
  data: VersionPublishedData;
  metadata: EventMetadata;
}

/**
 * Whether a published version starts a rollout by itself, and starting it when so: the pool (its own switch,
 * catalog, guard) and the switches above it as the log has them now go to `autoUpgradeVerdict`; a start
 * takes the pool's `rolloutDefaults` (none: a warning, no rollout) with the rollout id derived from the
 * publish, so a repeat starts nothing new. Refusals are decisions (logged, counted), not failures; anything
 * else is thrown for the subscription to retry.
 */
export async function decideOnPublishedVersion(
  deps: AutoUpgradeDeps,
  published: PublishedVersion,
): Promise<AutoUpgradeDecision> {
  const { namespace, pool, version } = published.data;
  const logger = deps.logger.child({ namespace, pool, version });
  const decision = await decide(deps, published, logger);
  deps.metrics.decided(decision);
  if (decision.decision === 'start') {
    logger.info(
      { rolloutId: decision.rolloutId },
      'auto-upgrade: started a rollout of the published version',
    );
  } else if (decision.why === 'rollout_defaults_missing') {
    logger.warn(
      `auto-upgrade: pool ${pool} has auto-upgrade on but no rolloutDefaults, so version ${version} is not rolled out (configure the pool's rolloutDefaults, or start the rollout by hand)`,
    );
  } else {
    logger.info({ why: decision.why }, 'auto-upgrade: no automatic rollout of the published version');
  }
  return decision;
}

async function decide(
  { db, clock }: AutoUpgradeDeps,
  { eventId, data: { namespace, pool, version }, metadata }: PublishedVersion,
  logger: Logger,
): Promise<AutoUpgradeDecision> {
  const [loaded, switches] = await Promise.all([
    loadPool(db, { namespace, pool }),
    loadAutoUpgradeSwitches(db, namespace),
  ]);
  const verdict = autoUpgradeVerdict(loaded.state, version, switches);
  if (!verdict.start) return skip(verdict.why);
  const { state } = loaded;
  if (state.status !== 'open') return skip('switched_off_for_pool');
  // A later publish gets its own decision, after this one: roll out the newest, never step through older.
  if (state.catalog.some((entry) => entry.version > version && !entry.yanked)) {
    return skip('newer_version_published');
  }
  if (state.config?.rolloutDefaults === undefined) return skip('rollout_defaults_missing');
  try {
    const { rolloutId, started } = await startRollout(
      db,
      { namespace, pool, version },
      {
        now: clock(),
        actor: AUTO_UPGRADE_ACTOR,
        // The publish's own correlation (its HTTP request), so the rollout reads as its consequence.
        correlationId: metadata.correlationId ?? eventId,
        rolloutId: autoRolloutId(eventId, version),
      },
    );
    return started ? { decision: 'start', why: 'switched_on', rolloutId } : skip('already_started');
  } catch (error) {
    const why = refusalOf(error);
    if (why === null) throw error;
    if (why === 'no_targets' || why === 'start_refused') {
      logger.warn({ err: error }, 'auto-upgrade: the rollout start was refused');
    }
    return skip(why);
  }
}

function skip(why: AutoUpgradeSkipReason): AutoUpgradeDecision {
  return { decision: 'skip', why };
}

/**
 * A refusal that repeats however often it is tried, named; null for a failure worth retrying. The verdict
 * saw none of these, so each means the log moved in between (a manual start, a yank) or the pool cannot
 * take a rollout.
 */
function refusalOf(error: unknown): AutoUpgradeSkipReason | null {
  if (error instanceof RolloutInFlightError) return 'rollout_in_flight';
  if (error instanceof RolloutStrategyMissingError) return 'rollout_defaults_missing';
  if (error instanceof NoTargetsError) return 'no_targets';
  if (error instanceof VersionYankedError) return 'version_yanked';
  if (error instanceof VersionNotPublishedError) return 'version_unpublished';
  if (
    error instanceof StartRolloutRefusedError ||
    error instanceof PoolCommandError ||
    error instanceof RolloutCommandError
  ) {
    return 'start_refused';
  }
  return null;
}
