import { type DrainerOptions, startDrainer } from '@rollcall/drainer';
import type { Logger } from '@rollcall/service-kit';
import type { TestDatabase, TestNats } from '@rollcall/testkit';
import { Registry } from 'prom-client';

/** What an end-to-end test may tune in the drainer; everything else follows the file's database and prefix. */
export type TestDrainerOptions = Partial<Pick<DrainerOptions, 'stopGraceSeconds'>>;

/** A drainer on the calling file's database and NATS prefix, with a real clock and quick lock hand-over. */
export function startTestDrainer(
  database: TestDatabase,
  nats: TestNats,
  { logger, signal, options = {} }: { logger: Logger; signal: AbortSignal; options?: TestDrainerOptions },
) {
  return startDrainer({
    db: database.db,
    connectionString: database.url,
    nc: nats.nc,
    prefix: nats.prefix,
    clock: () => new Date(),
    logger,
    metrics: new Registry(),
    signal,
    lockRetryMs: 100,
    ...options,
  });
}
