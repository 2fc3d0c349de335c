import type { Version } from '@rollcall/contracts';
import type { PoolState } from '../pool/state';

/**
 * The off switches above a pool (the pool's own is `autoUpgrade` in its config). `false` turns automatic
 * rollouts off at that level; `true` or absent leaves the decision to the levels below.
 */
export type AutoUpgradeSwitches = Readonly<{
  global?: boolean | undefined;
  namespace?: boolean | undefined;
}>;

export type AutoUpgradeVerdict =
  | Readonly<{ start: true }>
  | Readonly<{
      start: false;
      why:
        | 'switched_off_globally'
        | 'switched_off_for_namespace'
        | 'switched_off_for_pool'
        | 'version_unpublished'
        | 'version_yanked'
        | 'version_not_newer'
        | 'rollout_in_flight';
    }>;

/**
 * Whether publishing `version` starts a rollout by itself. The most restrictive switch wins: off globally,
 * for the namespace, or for the pool (a pool without config is off) means no automatic rollout; manual
 * rollouts are not asked. The version must be published, not yanked and newer than every version a
 * runner of the pool announced, and no rollout may hold the pool.
 */
export function autoUpgradeVerdict(
  pool: PoolState,
  version: Version,
  switches: AutoUpgradeSwitches,
): AutoUpgradeVerdict {
  if (switches.global === false) return { start: false, why: 'switched_off_globally' };
  if (switches.namespace === false) return { start: false, why: 'switched_off_for_namespace' };
  if (pool.status === 'empty' || pool.config?.autoUpgrade !== true) {
    return { start: false, why: 'switched_off_for_pool' };
  }
  const published = pool.catalog.get(version);
  if (published === undefined) return { start: false, why: 'version_unpublished' };
  if (published.yanked) return { start: false, why: 'version_yanked' };
  if (pool.highestKnownVersion !== null && version <= pool.highestKnownVersion) {
    return { start: false, why: 'version_not_newer' };
  }
  if (pool.rolloutInFlight !== null) return { start: false, why: 'rollout_in_flight' };
  return { start: true };
}
