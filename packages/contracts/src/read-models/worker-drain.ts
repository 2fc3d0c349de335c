import { z } from 'zod';
import { Actor } from '../actor';
import { DrainReason } from '../drain-reason';
import { IsoTimestamp } from '../timestamp';
import { Version } from '../version';

/** The drain recorded for a runner (the latest `RunnerDrainRequested` that no undrain or reconnect cancelled). */
export const WorkerDrain = z.object({
  reason: DrainReason,
  /** The version that superseded the runner (reason `version_upgrade`); null otherwise. */
  supersededBy: Version.nullable(),
  requestedAt: IsoTimestamp,
  /** When a runner still holding sessions is stopped by force. */
  deadline: IsoTimestamp,
  requestedBy: Actor,
});
export type WorkerDrain = z.infer<typeof WorkerDrain>;
