import { PositionString } from '@rollcall/contracts';
import { type EventLogDatabase, headPosition } from '@rollcall/eventlog';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';

export interface LogHeadRoutesOptions {
  db: Kysely<EventLogDatabase>;
}

const LogHeadReply = z.object({
  /** The highest committed log position, `0` while the log is empty. */
  position: PositionString,
});

/** `GET /v1/events/head`: where the log ends now, the far end of the dashboard's time-travel slider. */
export const logHeadRoutes: FastifyPluginAsyncZod<LogHeadRoutesOptions> = async (app, { db }) => {
  app.get('/v1/events/head', { schema: { response: { 200: LogHeadReply } } }, async () => ({
    position: (await headPosition(db)).toString(),
  }));
};
