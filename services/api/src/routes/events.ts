import { LogEntry, LogPosition, PositionString, toLogEntry } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { ErrorReply } from '@rollcall/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { EventFilterQuery, toEventFilter } from '../events/event-filter-query';
import { readEventsPage } from '../events/read-events-page';

export interface EventRoutesOptions {
  db: Kysely<EventLogDatabase>;
}

export const DEFAULT_EVENTS_LIMIT = 100;
export const MAX_EVENTS_LIMIT = 1000;

const EventsQuery = EventFilterQuery.extend({
  after: LogPosition.default(0n).describe('Entries after this position (exclusive). Default 0.'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_EVENTS_LIMIT)
    .default(DEFAULT_EVENTS_LIMIT)
    .describe(`Most positions read, 1 to ${MAX_EVENTS_LIMIT} (default ${DEFAULT_EVENTS_LIMIT}).`),
});

const EventsPage = z.object({
  events: z.array(LogEntry),
  /**
   * Pass it as `after` for the next page. With a filter it can move past the last entry shown: the
   * positions in between held nothing that matched.
   */
  lastPosition: PositionString,
});

/** `GET /v1/events`: the log in global-position order, a page at a time. */
export const eventRoutes: FastifyPluginAsyncZod<EventRoutesOptions> = async (app, { db }) => {
  app.get(
    '/v1/events',
    { schema: { querystring: EventsQuery, response: { 200: EventsPage, 400: ErrorReply } } },
    async (request) => {
      const { after, limit } = request.query;
      const page = await readEventsPage(db, { after, limit, filter: toEventFilter(request.query) });
      return { events: page.events.map(toLogEntry), lastPosition: page.lastPosition.toString() };
    },
  );
};
