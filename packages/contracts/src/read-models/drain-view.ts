import { z } from 'zod';
import { Actor } from '../actor';
import { DrainReason } from '../drain-reason';
import { Namespace, PoolName, RunnerId, ServerId } from '../identifiers';
import { IsoTimestamp } from '../timestamp';
import { Version } from '../version';
import { DrainState } from './drain-state';

/** One drain of one runner, in progress or recently finished, as `GET /v1/namespaces/:ns/drains` returns it. */
export const DrainView = z.object({
  /** The log position of the `RunnerDrainRequested` that started it, as a decimal string. */
  id: z.string().regex(/^\d+$/),
  namespace: Namespace,
  runnerId: RunnerId,
  pool: PoolName,
  /** The drained runner's version and server when the drain was requested. */
  version: Version,
  serverId: ServerId,
  reason: DrainReason,
  /** The version that superseded the runner (reason `version_upgrade`); null otherwise. */
  supersededBy: Version.nullable(),
  requestedBy: Actor,
  requestedAt: IsoTimestamp,
  /** When a runner still holding sessions is stopped by force. */
  deadline: IsoTimestamp,
  /** Whole seconds until the deadline (0 once passed) while the runner drains; null once stopping or finished. */
  secondsLeft: z.int().min(0).nullable(),
  /** As of the latest heartbeat while in progress; as of the drain's end once finished. */
  activeSessions: z.int().min(0),
  state: DrainState,
  /** Why it is still in progress, for a person (e.g. `3 sessions still active; forced stop in 42 s`); null once finished. */
  waitingFor: z.string().nullable(),
  /** When the stop was decided; null before. */
  stopRequestedAt: IsoTimestamp.nullable(),
  /** The stop was forced (the deadline passed with sessions left). */
  forced: z.boolean(),
  /** When it finished; null while in progress. */
  endedAt: IsoTimestamp.nullable(),
  /** How it finished, for a person (e.g. `stopped once idle`); null while in progress. */
  outcome: z.string().nullable(),
});
export type DrainView = z.infer<typeof DrainView>;
