import { LogPosition, toLogEntry } from '@rollcall/contracts';
import { type EventLogDatabase, subscribe, type Wake } from '@rollcall/eventlog';
import { ErrorReply } from '@rollcall/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { Gauge, type Registry } from 'prom-client';
import { z } from 'zod';
import { EventFilterQuery, toEventFilter } from '../events/event-filter-query';
import { serverSentEvents } from '../events/server-sent-events';

export interface EventStreamRoutesOptions {
  db: Kysely<EventLogDatabase>;
  metrics: Registry;
  /** Append notifications, so live events go out on commit; without them the stream polls. */
  wake?: Wake | undefined;
  /** Interval of the keep-alive comment. @default 15000 */
  heartbeatMs?: number | undefined;
  /** What the client is told to wait before reconnecting (`retry:`). @default 2000 */
  retryMs?: number | undefined;
  /** First idle poll delay of the underlying subscription. @default 250 */
  pollIntervalMs?: number | undefined;
}

const EventStreamQuery = EventFilterQuery.extend({
  after: LogPosition.optional().describe(
    'Stream entries after this position; a Last-Event-ID header (sent on reconnect) wins over it.',
  ),
});

// Loose: every other header stays on the request as sent.
const EventStreamHeaders = z.looseObject({
  'last-event-id': LogPosition.optional().describe('The `id` of the last entry received.'),
});

const EventStreamBody = z
  .string()
  .describe('text/event-stream: one message per log entry, `id:` its position, `data:` the entry as JSON.');

/**
 * `GET /v1/events/stream`: the log as server-sent events, live. Each message is one log entry (as on
 * `GET /v1/events`) with its position as the SSE id, so a reconnecting EventSource resumes where it
 * stopped. Ends when the client goes away or the server closes.
 */
export const eventStreamRoutes: FastifyPluginAsyncZod<EventStreamRoutesOptions> = async (app, options) => {
  const { db, wake } = options;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const retryMs = options.retryMs ?? 2000;
  /** Each open stream's abort, and the promise of its end. */
  const open = new Map<AbortController, Promise<void>>();
  const openGauge = new Gauge({
    name: 'rollcall_api_event_streams_open',
    help: 'Clients connected to GET /v1/events/stream',
    registers: [options.metrics],
  });

  // Open streams would hold server.close() forever: end them first, and wait until they are flushed, so
  // their connections are idle when the server closes them.
  app.addHook('preClose', async () => {
    for (const stream of open.keys()) stream.abort();
    await Promise.all(open.values());
  });

  app.get(
    '/v1/events/stream',
    {
      schema: {
        querystring: EventStreamQuery,
        headers: EventStreamHeaders,
        response: { 200: EventStreamBody, 400: ErrorReply },
      },
    },
    async (request, reply) => {
      const after = request.headers['last-event-id'] ?? request.query.after ?? 0n;
      const filter = toEventFilter(request.query);
      const stream = new AbortController();
      const { signal } = stream;
      const { promise: ended, resolve: markEnded } = Promise.withResolvers<void>();
      open.set(stream, ended);
      openGauge.inc();
      reply.hijack();
      const response = reply.raw;
      response.once('close', () => stream.abort());
      const sse = serverSentEvents(response, signal);
      const heartbeat = setInterval(() => void sse.comment('heartbeat'), heartbeatMs);
      try {
        await sse.open(retryMs);
        for await (const page of subscribe(db, {
          after,
          filter,
          signal,
          wake,
          pollIntervalMs: options.pollIntervalMs,
        })) {
          if (page.kind !== 'events') continue;
          for (const event of page.events) {
            await sse.send({
              id: event.globalPosition.toString(),
              data: JSON.stringify(toLogEntry(event)),
            });
          }
        }
      } catch (error) {
        // The status line is gone already: all that is left is to end the stream; the client reconnects.
        request.log.error({ err: error }, 'event stream failed');
      } finally {
        clearInterval(heartbeat);
        await sse.end();
        open.delete(stream);
        openGauge.dec();
        markEnded();
      }
    },
  );
};
