import { AutoUpgradeNamespaceView, AutoUpgradeSwitch, AutoUpgradeView } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { ErrorReply } from '@rollcall/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { OperatorAuth } from '../auth/operator-auth';
import { NamespaceParams } from '../route-params';
import { loadSettings, switchAutoUpgrade } from './auto-upgrade-settings';
import { autoUpgradeNamespaceViewOf, autoUpgradeViewOf } from './auto-upgrade-views';

export interface AutoUpgradeRoutesOptions {
  db: Kysely<EventLogDatabase>;
  auth: OperatorAuth;
  clock: () => Date;
}

/** `{enabled, reason?}`; unknown fields are refused, so a misspelt `enabled` is named as such. */
const SwitchBody = AutoUpgradeSwitch.strict();

/**
 * The auto-upgrade switches above the pools (a pool's own is `autoUpgrade` in its config): read them all or
 * one namespace's, flip the global one or a namespace's. A flip answers the switches as they are after it
 * (a namespace's route only its own, so a token scoped to it sees no other); flipping a switch to where it
 * already is records nothing. Writes need the operator token and record its actor.
 */
export const autoUpgradeRoutes: FastifyPluginAsyncZod<AutoUpgradeRoutesOptions> = async (
  app,
  { db, auth, clock },
) => {
  app.get('/v1/auto-upgrade', { schema: { response: { 200: AutoUpgradeView } } }, async () =>
    autoUpgradeViewOf((await loadSettings(db)).state),
  );

  app.put(
    '/v1/auto-upgrade',
    {
      schema: { body: SwitchBody, response: { 200: AutoUpgradeView, 400: ErrorReply, 401: ErrorReply } },
    },
    async (request) => {
      const state = await switchAutoUpgrade(
        db,
        {
          type: 'SwitchAutoUpgrade',
          data: { scope: 'global', ...request.body },
          metadata: { now: clock(), actor: auth.actorOf(request) },
        },
        { correlationId: request.id },
      );
      return autoUpgradeViewOf(state);
    },
  );

  app.get(
    '/v1/namespaces/:ns/auto-upgrade',
    { schema: { params: NamespaceParams, response: { 200: AutoUpgradeNamespaceView, 400: ErrorReply } } },
    async (request) => autoUpgradeNamespaceViewOf((await loadSettings(db)).state, request.params.ns),
  );

  app.put(
    '/v1/namespaces/:ns/auto-upgrade',
    {
      schema: {
        params: NamespaceParams,
        body: SwitchBody,
        response: { 200: AutoUpgradeNamespaceView, 400: ErrorReply, 401: ErrorReply },
      },
    },
    async (request) => {
      const state = await switchAutoUpgrade(
        db,
        {
          type: 'SwitchAutoUpgrade',
          data: { scope: 'namespace', namespace: request.params.ns, ...request.body },
          metadata: { now: clock(), actor: auth.actorOf(request) },
        },
        { correlationId: request.id },
      );
      return autoUpgradeNamespaceViewOf(state, request.params.ns);
    },
  );
};
