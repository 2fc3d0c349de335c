import { type EventLogDatabase, headPosition } from '@rollcall/eventlog';
import { handlePoolCommand } from '@rollcall/pool-commands';
import { configurePool, connectRunner, recordActivity } from '@rollcall/pool-commands/testing';
import type { Kysely } from 'kysely';

/**
 * A small fleet decided by the pool aggregate, through the same command handler as the API:
 * acme/web configured to drain on upgrade, web-1 (v1, 2 slots, server-1) and web-2 (v1, server-2), acme/api
 * with api-1 (v5, server-1), another namespace with one runner; then web-3 (v2, 2 slots, server-2)
 * connects, which drains web-1 and web-2, and takes one session.
 * Returns the log position just before the upgrade.
 */
export async function seedFleet(db: Kysely<EventLogDatabase>): Promise<{ beforeUpgrade: bigint }> {
  await handlePoolCommand(db, configurePool('acme', 'web'));
  await handlePoolCommand(
    db,
    connectRunner('acme', 'web', { runnerId: 'web-1', version: 1, slots: 2, labels: { zone: 'a' } }),
  );
  await handlePoolCommand(
    db,
    connectRunner('acme', 'web', { runnerId: 'web-2', version: 1, serverId: 'server-2' }),
  );
  await handlePoolCommand(db, connectRunner('acme', 'api', { runnerId: 'api-1', version: 5 }));
  await handlePoolCommand(db, connectRunner('other', 'web', { runnerId: 'web-9', version: 1 }));
  const beforeUpgrade = await headPosition(db);
  await handlePoolCommand(
    db,
    connectRunner('acme', 'web', { runnerId: 'web-3', version: 2, slots: 2, serverId: 'server-2' }),
  );
  await handlePoolCommand(db, recordActivity('acme', 'web', 'web-3', 1));
  return { beforeUpgrade };
}
