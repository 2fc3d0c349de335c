import type { RolloutId, Version } from '@rollcall/contracts';
import { uuidV5 } from '@rollcall/pool-commands';

// Fixed for all time: changing it would give a redelivered publish a new rollout id, and a second rollout.
const AUTO_ROLLOUT_NAMESPACE = 'b1f0c3e2-5a7d-4c1e-9b8f-2d6e4a9c7f10';

/**
 * The id of the rollout a `VersionPublished` starts by itself, derived from that event's id: the same publish
 * handled twice (after a restart, a replay) names the same rollout, which `startRollout` starts only once.
 * Readable in listings: `auto-v<version>-<uuid v5>` (at most 53 characters).
 */
export function autoRolloutId(publishedEventId: string, version: Version): RolloutId {
  return `auto-v${version}-${uuidV5(publishedEventId, AUTO_ROLLOUT_NAMESPACE)}`;
}
