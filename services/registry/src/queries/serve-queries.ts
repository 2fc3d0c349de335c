import type { NatsConnection } from '@nats-io/nats-core';
import { type ErrorReply, type MessageMeta, serveRequests } from '@rollcall/bus';
import { parseQuerySubject, queryWildcard } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import {
  getWorker,
  listPools,
  listWorkers,
  placeSession,
  positionAt,
  workersAt,
} from '@rollcall/projections';
import type { Logger } from '@rollcall/service-kit';
import type { Kysely } from 'kysely';
import {
  PlaceQuery,
  PlaceReply,
  PoolsQuery,
  PoolsReply,
  WorkerQuery,
  WorkerReply,
  WorkersQuery,
  WorkersReply,
} from './query-messages';
import type { QueryName } from './query-name';

/** Responders sharing this queue group split the queries between them (one registry replica answers). */
export const QUERY_QUEUE_GROUP = 'registry';

export interface ServeQueriesOptions {
  nc: NatsConnection;
  db: Kysely<EventLogDatabase>;
  prefix: string;
  signal: AbortSignal;
  logger: Logger;
}

/**
 * Answers the worker-map queries over NATS request/reply (`<prefix>.v1.<ns>.query.{workers,worker,pools,
 * place}`), from the same read models and query functions as the HTTP API. Resolves once `signal` aborted
 * and the queries already received are answered.
 */
export async function serveQueries(options: ServeQueriesOptions): Promise<void> {
  const { nc, db, prefix, signal } = options;
  const logger = options.logger.child({ task: 'queries' });
  const common = { queue: QUERY_QUEUE_GROUP, signal, logger };

  /** Runs `answer` for the namespace the subject names; a subject whose namespace token is no identifier is a bad request. */
  const inNamespace =
    <Query, Reply>(name: QueryName, answer: (namespace: string, query: Query) => Promise<Reply>) =>
    (query: Query, meta: MessageMeta): Promise<Reply | ErrorReply> => {
      const namespace = parseQuerySubject(prefix, name, meta.subject);
      if (namespace !== null) return answer(namespace, query);
      return Promise.resolve({
        ok: false,
        error: { class: 'bad_request', message: `${meta.subject} does not name a valid namespace` },
      });
    };

  await Promise.all([
    serveRequests(nc, {
      ...common,
      subject: queryWildcard(prefix, 'workers'),
      schema: WorkersQuery,
      replySchema: WorkersReply,
      handle: inNamespace('workers', async (namespace, { at, ...filters }: WorkersQuery) => {
        if (at === undefined)
          return { ok: true as const, workers: await listWorkers(db, { namespace, ...filters }) };
        const position = typeof at === 'bigint' ? at : await positionAt(db, { time: at });
        return {
          ok: true as const,
          workers: await workersAt(db, { namespace, ...filters, position }),
          at: position.toString(),
        };
      }),
    }),
    serveRequests(nc, {
      ...common,
      subject: queryWildcard(prefix, 'worker'),
      schema: WorkerQuery,
      replySchema: WorkerReply,
      handle: inNamespace('worker', async (namespace, { runnerId }: WorkerQuery): Promise<WorkerReply> => {
        const worker = await getWorker(db, { namespace, runnerId });
        if (worker !== null) return { ok: true, worker };
        return {
          ok: false,
          error: { class: 'not_found', message: `no runner ${runnerId} in namespace ${namespace}` },
        };
      }),
    }),
    serveRequests(nc, {
      ...common,
      subject: queryWildcard(prefix, 'pools'),
      schema: PoolsQuery,
      replySchema: PoolsReply,
      handle: inNamespace('pools', async (namespace, query: PoolsQuery) => ({
        ok: true as const,
        pools: await listPools(db, { namespace, ...query }),
      })),
    }),
    serveRequests(nc, {
      ...common,
      subject: queryWildcard(prefix, 'place'),
      schema: PlaceQuery,
      replySchema: PlaceReply,
      handle: inNamespace('place', async (namespace, { pool }: PlaceQuery) => ({
        ok: true as const,
        runner: await placeSession(db, { namespace, pool }),
      })),
    }),
  ]);
}
