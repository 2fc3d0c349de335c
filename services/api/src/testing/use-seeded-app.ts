import type { ServiceHttp } from '@rollcall/service-kit';
import type { TestDatabase, TestNats } from '@rollcall/testkit';
import { afterAll, beforeAll } from 'vitest';
import { runTestProjector, type TestProjector } from './read-models';
import { seedFleet } from './seed-fleet';
import { buildTestApp } from './test-app';

export interface SeededApp {
  readonly app: ServiceHttp;
  readonly projector: TestProjector;
  /** The log position just before the seeded fleet's upgrade (see seedFleet). */
  readonly beforeUpgrade: bigint;
  /** Runs a new projector in place of a stopped one, and waits until it caught up. */
  restartProjector(): Promise<void>;
}

/**
 * For the calling describe block: the seeded fleet, folded into the read models, behind a ready api app;
 * the app closes and the projector stops after its tests.
 */
export function useSeededApp(database: TestDatabase, nats: TestNats): SeededApp {
  let ready: { app: ServiceHttp; projector: TestProjector; beforeUpgrade: bigint } | undefined;
  const current = () => {
    if (ready === undefined) throw new Error('the seeded app starts in beforeAll: use it inside a test');
    return ready;
  };

  beforeAll(async () => {
    const { beforeUpgrade } = await seedFleet(database.db);
    const projector = runTestProjector(database.db, database.url);
    await projector.caughtUp();
    const app = buildTestApp({ db: database.db, nc: nats.nc });
    await app.ready();
    ready = { app, projector, beforeUpgrade };
  });
  afterAll(async () => {
    await ready?.app.close();
    await ready?.projector.stop();
  });

  return {
    get app() {
      return current().app;
    },
    get projector() {
      return current().projector;
    },
    get beforeUpgrade() {
      return current().beforeUpgrade;
    },
    async restartProjector() {
      const projector = runTestProjector(database.db, database.url);
      await projector.caughtUp();
      current().projector = projector;
    },
  };
}
