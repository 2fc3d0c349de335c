import type { NatsConnection } from '@nats-io/nats-core';
import {
  Build,
  DEFAULT_SUBJECT_PREFIX,
  Labels,
  Namespace,
  PoolName,
  RunnerId,
  ServerId,
  SubjectPrefix,
  Version,
} from '@rollcall/contracts';
import type { Logger } from 'pino';
import { z } from 'zod';

/** The plain-data part of the options, checked with the contract's own rules before anything is sent. */
export const RunnerConfig = z.object({
  /** @default `rollcall` */
  prefix: SubjectPrefix.default(DEFAULT_SUBJECT_PREFIX),
  namespace: Namespace,
  pool: PoolName,
  version: Version,
  build: Build.optional(),
  serverId: ServerId,
  /** Unique in the namespace and never reused. @default `<pool>-<12 random hex digits>` */
  runnerId: RunnerId.optional(),
  /** Sessions the runner can hold at once, announced in `connected`. @default 1 */
  slots: z.int32().min(1).default(1),
  labels: Labels.default({}),
  /** Time between heartbeats, in ms; keep it at the registry's heartbeat interval. @default 5000 */
  heartbeatIntervalMs: z.int().min(10).max(3_600_000).default(5000),
});
export type RunnerConfig = z.infer<typeof RunnerConfig>;

/** Bring your own connection (the runner leaves it open when it stops) ... */
export type WithConnection = { nc: NatsConnection; natsUrl?: never };
/** ... or a URL (several comma-separated for a cluster): the runner connects, reconnects forever, and closes it. */
export type WithNatsUrl = { natsUrl: string; nc?: never };

export type RunnerOptions = z.input<typeof RunnerConfig> &
  (WithConnection | WithNatsUrl) & {
    /** @default a silent logger */
    logger?: Logger;
  };
