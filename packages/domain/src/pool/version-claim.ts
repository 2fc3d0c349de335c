import type { Version, VersionClaimRefusalReason } from '@rollcall/contracts';
import type { OpenPool } from './state';

export type VersionClaimVerdict =
  | { readonly trusted: true }
  | {
      readonly trusted: false;
      readonly reason: VersionClaimRefusalReason;
      readonly highestKnownVersion: Version;
    };

/**
 * The version-claim guard: may a connecting runner's `version` supersede (drain) other runners?
 * A runner's version is whatever it says, so one misconfigured or hostile runner claiming 2147483647 must
 * not drain a pool.
 *
 * - With a catalog (the pool has any `VersionPublished`): only a published, non-yanked version is trusted.
 *   The refusal names the highest published (preferably non-yanked) version.
 * - Without a catalog: a version more than the config's `maxVersionStep` above the highest known version
 *   is not trusted. The first runner sets the baseline, and a pool without config has no step to enforce.
 *
 * `decide` asks only when the connect matters: it would raise the highest known version or drain someone.
 * An untrusted runner is still registered (it is connected, after all) but drains nothing, and its refused
 * connect does not move the baseline.
 */
export function judgeVersionClaim(pool: OpenPool, version: Version): VersionClaimVerdict {
  const newestPublished = pool.catalog.keySeq().max();
  if (newestPublished !== undefined) {
    const published = pool.catalog.get(version);
    if (published !== undefined && !published.yanked) return { trusted: true };
    const newestUsable = pool.catalog
      .filter((entry) => !entry.yanked)
      .keySeq()
      .max();
    return {
      trusted: false,
      reason: published === undefined ? 'version_unpublished' : 'version_yanked',
      highestKnownVersion: newestUsable ?? newestPublished,
    };
  }
  const highest = pool.highestKnownVersion;
  if (pool.config === null || highest === null || version <= highest + pool.config.maxVersionStep) {
    return { trusted: true };
  }
  return { trusted: false, reason: 'max_version_step_exceeded', highestKnownVersion: highest };
}
