import { z } from 'zod';
import { Namespace, PoolName, RunnerId } from '../../identifiers';
import { IsoTimestamp } from '../../timestamp';
import { Version } from '../../version';
import { eventSchema } from '../event-schema';

/**
 * `max_version_step_exceeded`: the claimed version is above the highest known version plus the pool's
 * `maxVersionStep`. `version_yanked`: the claimed version was yanked from the catalog.
 * `version_unpublished`: the pool has a version catalog and the claimed version is not in it.
 */
export const VersionClaimRefusalReason = z.enum([
  'max_version_step_exceeded',
  'version_yanked',
  'version_unpublished',
]);
export type VersionClaimRefusalReason = z.infer<typeof VersionClaimRefusalReason>;

/** A runner connected claiming a version the pool will not let supersede its runners. */
export const VersionClaimRefusedData = z.object({
  namespace: Namespace,
  pool: PoolName,
  runnerId: RunnerId,
  version: Version,
  highestKnownVersion: Version,
  reason: VersionClaimRefusalReason,
  at: IsoTimestamp,
});
export type VersionClaimRefusedData = z.infer<typeof VersionClaimRefusedData>;

export const VersionClaimRefused = eventSchema('VersionClaimRefused', VersionClaimRefusedData);
export type VersionClaimRefused = z.infer<typeof VersionClaimRefused>;
