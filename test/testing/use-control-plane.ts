import { migrateDrainer } from '@rollcall/drainer';
import { drainerProcessed } from '@rollcall/drainer/testing';
import { headPosition } from '@rollcall/eventlog';
import { createLogger, type ServiceHttp } from '@rollcall/service-kit';
import { type TestDatabase, type TestNats, useReplicas } from '@rollcall/testkit';
import { afterAll, beforeAll } from 'vitest';
import { buildTestApi } from './build-test-api';
import { startTestDrainer } from './start-test-drainer';
import { startTestRegistry, type TestRegistryOptions } from './start-test-registry';

export const ADMIN_TOKEN = 'e2e-admin-token-0123456789';

export interface ControlPlane {
  /** The api, ready, for `inject`; writes need `Authorization: Bearer ADMIN_TOKEN`. */
  readonly app: ServiceHttp;
  /** Starts a drainer replica (own metrics, own signal); it stops after the test or with `shutdown`. */
  startDrainer(): { shutdown(): Promise<void> };
  /** Resolves once the drain process and the runner-command relay have handled the whole log so far. */
  drainerCaughtUp(): Promise<void>;
}

/**
 * The control plane of a drain, in-process for the calling test file: the registry (ingest, projector) and
 * the api for the whole file, drainer replicas per test (a test may stop one and start another).
 */
export function useControlPlane(
  database: TestDatabase,
  nats: TestNats,
  options: TestRegistryOptions = {},
): ControlPlane {
  const logger = createLogger({ service: 'e2e', level: 'silent' });
  const shutdown = new AbortController();
  const drainers = useReplicas();
  let registryStopped: Promise<unknown> = Promise.resolve();
  let app: ServiceHttp | undefined;

  beforeAll(async () => {
    await migrateDrainer(database.db);
    const registry = await startTestRegistry(database, nats, { logger, signal: shutdown.signal, options });
    registryStopped = registry.stopped;
    app = buildTestApi(database, nats, {
      adminToken: ADMIN_TOKEN,
      // The e2e tests read the views as a dashboard would; access is proven in the api's access matrix.
      anonymousReads: true,
    });
    await app.ready();
  });

  afterAll(async () => {
    shutdown.abort();
    await app?.close();
    await registryStopped;
  });

  return {
    get app() {
      if (app === undefined) throw new Error('the api is used before beforeAll built it');
      return app;
    },
    startDrainer() {
      const shutdown = drainers.start((signal) =>
        startTestDrainer(database, nats, { logger, signal, options: { stopGraceSeconds: 30 } }),
      );
      return { shutdown };
    },
    async drainerCaughtUp() {
      await drainerProcessed(database.db, await headPosition(database.db));
    },
  };
}
