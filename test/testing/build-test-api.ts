import { type AppDeps, buildApp } from '@rollcall/api';
import { createLogger, type ServiceHttp } from '@rollcall/service-kit';
import type { TestDatabase, TestNats } from '@rollcall/testkit';
import { Registry } from 'prom-client';

/** What an end-to-end test chooses of the api: who may call it. */
export type TestApiOptions = Pick<AppDeps, 'adminToken' | 'anonymousReads'>;

/** The api on the calling file's database and NATS connection, logging nothing, not listening yet. */
export function buildTestApi(database: TestDatabase, nats: TestNats, options: TestApiOptions): ServiceHttp {
  return buildApp({
    db: database.db,
    nc: nats.nc,
    logger: createLogger({ service: 'api', level: 'silent' }),
    metrics: new Registry(),
    ...options,
  });
}
