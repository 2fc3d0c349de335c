import { Namespace } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { listNamespaces } from '../dashboard/list-namespaces';

export interface NamespaceRoutesOptions {
  db: Kysely<EventLogDatabase>;
}

const NamespacesReply = z.object({ namespaces: z.array(Namespace) });

/** `GET /v1/namespaces`: the namespaces that have pools or runners, by name (the dashboard's picker). */
export const namespaceRoutes: FastifyPluginAsyncZod<NamespaceRoutesOptions> = async (app, { db }) => {
  app.get('/v1/namespaces', { schema: { response: { 200: NamespacesReply } } }, async () => ({
    namespaces: await listNamespaces(db),
  }));
};
