import type { Labels, PoolConfiguredData, Version } from '@rollcall/contracts';
import type { EventLogDatabase } from '@rollcall/eventlog';
import { handlePoolCommand } from '@rollcall/pool-commands';
import { configurePool, connectRunner, NOW, publishVersion } from '@rollcall/pool-commands/testing';
import type { Kysely } from 'kysely';

// Test data builders ("controls") for rollout specs (exported as @rollcall/rollout-commands/testing): a pool
// that runs somewhere, with a catalog to roll out from.

export { NOW };

export interface SeedPoolOptions {
  /** Versions in the catalog (build `b<N>`, artifact `registry.example/<pool>:<N>`). @default [1, 2] */
  readonly published?: readonly Version[];
  /** One runner per entry, `<pool>-<serverId>-v<version>`, on that server with those labels. */
  readonly runners?: readonly { serverId: string; version: Version; labels?: Labels }[];
  /** Pool config over the controls' defaults (e.g. `rolloutDefaults`, `targets`). */
  readonly config?: Partial<Omit<PoolConfiguredData, 'namespace' | 'pool' | 'configuredBy'>>;
}

/** Configures a pool, publishes its versions and connects its runners, through the pool's own commands. */
export async function seedPool(
  db: Kysely<EventLogDatabase>,
  namespace: string,
  pool: string,
  {
    published = [1, 2],
    runners = [
      { serverId: 's1', version: 1 },
      { serverId: 's2', version: 1 },
      { serverId: 's3', version: 1 },
    ],
    config = {},
  }: SeedPoolOptions = {},
): Promise<void> {
  await handlePoolCommand(db, configurePool(namespace, pool, config));
  for (const version of published) {
    await handlePoolCommand(db, publishVersion(namespace, pool, version));
  }
  for (const { serverId, version, labels = {} } of runners) {
    const runnerId = `${pool}-${serverId}-v${version}`;
    await handlePoolCommand(db, connectRunner(namespace, pool, { runnerId, version, serverId, labels }));
  }
}
