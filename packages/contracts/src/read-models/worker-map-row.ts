import { z } from 'zod';
import { Namespace, PoolName, RunnerId, ServerId } from '../identifiers';
import { Labels } from '../labels';
import { IsoTimestamp } from '../timestamp';
import { Build, Version } from '../version';
import { WorkerDrain } from './worker-drain';
import { WorkerStatus } from './worker-status';

/** One runner of the worker map, as `GET /v1/namespaces/:ns/workers` returns it. */
export const WorkerMapRow = z.object({
  runnerId: RunnerId,
  namespace: Namespace,
  pool: PoolName,
  version: Version,
  build: Build.nullable(),
  serverId: ServerId,
  labels: Labels,
  /** Sessions the runner can hold at once. */
  slots: z.int32().min(1),
  status: WorkerStatus,
  /** A drain is recorded and not cancelled (true while draining and once stopping after a drain). */
  draining: z.boolean(),
  /** May take a new session: active and not draining. */
  available: z.boolean(),
  /** As of the latest heartbeat (or busy/idle transition when none arrived yet). */
  activeSessions: z.int32().min(0),
  /** Since when the runner holds no session; null while busy. */
  idleSince: IsoTimestamp.nullable(),
  /** When the runner's latest registration (`RunnerConnected`) happened. */
  startedAt: IsoTimestamp,
  /** Latest heartbeat, or the registration when no heartbeat arrived yet. */
  lastSeenAt: IsoTimestamp,
  drain: WorkerDrain.nullable(),
});
export type WorkerMapRow = z.infer<typeof WorkerMapRow>;
