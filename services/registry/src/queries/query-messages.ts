import { ErrorReply } from '@rollcall/bus';
import {
  IsoTimestamp,
  PoolName,
  PoolView,
  RunnerId,
  ServerId,
  WorkerMapRow,
  WorkerStatus,
} from '@rollcall/contracts';
import { z } from 'zod';

// Request/reply payloads of `<prefix>.v1.<ns>.query.<name>`: the HTTP read API's filters and answers, for
// services that would rather stay on NATS. Replies carry `ok` like every Rollcall reply: a failure is
// `{ok: false, error: {class, message}}` (`bad_request`, `not_found`, `internal_error`).

// A global log position travels as a decimal string: int8 goes beyond what a JSON number holds exactly.
const POSITION_DIGITS = /^(0|[1-9][0-9]{0,18})$/;

/** A past point of the log: a position, or an ISO time standing for the last position recorded by then. */
const TimeTravelPoint = z.union(
  [z.string().regex(POSITION_DIGITS).transform(BigInt), IsoTimestamp.transform((time) => new Date(time))],
  { error: 'must be a log position (decimal digits) or an ISO-8601 time with a zone' },
);

/** `query.workers`: the worker map of the namespace, filtered like `GET /v1/namespaces/:ns/workers`. */
export const WorkersQuery = z.object({
  pool: PoolName.optional(),
  /** true: only runners that may take a session; false: only the others. */
  available: z.boolean().optional(),
  serverId: ServerId.optional(),
  status: WorkerStatus.optional(),
  /** The worker map as it was at this log position or time (folded from the log). */
  at: TimeTravelPoint.optional(),
});
export type WorkersQuery = z.infer<typeof WorkersQuery>;

export const WorkersReply = z.union([
  z.object({
    ok: z.literal(true),
    workers: z.array(WorkerMapRow),
    /** With `at`: the log position the map was folded to, as a decimal string. */
    at: z.string().regex(POSITION_DIGITS).optional(),
  }),
  ErrorReply,
]);
export type WorkersReply = z.infer<typeof WorkersReply>;

/** `query.worker`: one runner; `{ok: false, error: {class: 'not_found'}}` for a runner never seen. */
export const WorkerQuery = z.object({ runnerId: RunnerId });
export type WorkerQuery = z.infer<typeof WorkerQuery>;

export const WorkerReply = z.union([z.object({ ok: z.literal(true), worker: WorkerMapRow }), ErrorReply]);
export type WorkerReply = z.infer<typeof WorkerReply>;

/** `query.pools`: the pools of the namespace (or only `pool`), like `GET /v1/namespaces/:ns/pools`. */
export const PoolsQuery = z.object({ pool: PoolName.optional() });
export type PoolsQuery = z.infer<typeof PoolsQuery>;

export const PoolsReply = z.union([z.object({ ok: z.literal(true), pools: z.array(PoolView) }), ErrorReply]);
export type PoolsReply = z.infer<typeof PoolsReply>;

/**
 * `query.place`: a runner of `pool` for a new session (available, a free slot, least loaded), or `runner:
 * null` when none can take one. Never a runner whose drain is recorded in the log.
 */
export const PlaceQuery = z.object({ pool: PoolName });
export type PlaceQuery = z.infer<typeof PlaceQuery>;

export const PlaceReply = z.union([
  z.object({ ok: z.literal(true), runner: WorkerMapRow.nullable() }),
  ErrorReply,
]);
export type PlaceReply = z.infer<typeof PlaceReply>;
