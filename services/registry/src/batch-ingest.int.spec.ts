import { jetstreamManager } from '@nats-io/jetstream';
import { poolStream } from '@rollcall/contracts';
import { listDeadLetters } from '@rollcall/eventlog';
import { migrateReadModels, readModelDb } from '@rollcall/projections';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIngest } from './ensure-ingest';
import { configurePool } from './testing/operator-commands';
import { rawRunner } from './testing/raw-runner';
import { poolEvents, summary, untilIngested, untilProjected } from './testing/registry-probes';
import { startTestRegistry } from './testing/start-test-registry';

// A backlog: every message is in the ingest stream before the registry starts, so it takes them in one
// batch (waves of distinct runners, one append per pool) rather than one at a time. The guarantees must
// hold all the same, through raw NATS JSON.

const database = useTestDatabase();
const nats = useTestNats();
const ns = 'backlog';
let replica: Awaited<ReturnType<typeof startTestRegistry>> | undefined;

function connected(runnerId: string, pool: string, version: number) {
  return { runnerId, pool, version, serverId: 'host-1' };
}

beforeAll(async () => {
  await migrateReadModels(database.db);
  await configurePool(database.db, { namespace: ns, pool: 'web' });
  await ensureIngest(await jetstreamManager(nats.nc), {
    stream: nats.streamName('RUNNERS'),
    prefix: nats.prefix,
  });
  const runner = rawRunner(nats.nc, nats.prefix, ns);
  await runner.publish('connected', connected('w-1', 'web', 1), 'c-w1');
  await runner.publish('connected', connected('w-2', 'web', 1), 'c-w2');
  await runner.publish('heartbeat', { runnerId: 'w-1', activeSessions: 2 }, 'h-w1-1');
  await runner.publish('heartbeat', { runnerId: 'w-1', activeSessions: 0 }, 'h-w1-2');
  await runner.publish('heartbeat', { runnerId: 'w-1', activeSessions: 3 }, 'h-w1-3');
  await runner.publish('connected', connected('w-3', 'web', 2), 'c-w3');
  // The same connect under another id, and a runner in another pool without config.
  await runner.publish('connected', connected('w-3', 'web', 2), 'c-w3-again');
  await runner.publish('connected', connected('o-1', 'other', 1), 'c-o1');
  await runner.publish('connected', connected('w-bad', 'web', 0), 'c-bad');
  await runner.publish('heartbeat', { runnerId: 'ghost', activeSessions: 1 }, 'h-ghost');
  await runner.publish('disconnected', { runnerId: 'w-2', reason: 'done' }, 'd-w2');
  await runner.publish('heartbeat', { runnerId: 'w-2', activeSessions: 1 }, 'h-w2-late');
  replica = await startTestRegistry(database, nats);
  await untilIngested(nats.nc, replica.registry.ingestStream);
  await untilProjected(database.db);
});

afterAll(async () => {
  await replica?.stop();
});

describe('a backlog taken in batches', () => {
  it("keeps each runner's messages in order and drains the older runners in the newer connect's append", async () => {
    const web = await poolEvents(database.db, ns, 'web');
    const of = (runnerId: string) =>
      summary(web.filter(({ event }) => 'runnerId' in event.data && event.data.runnerId === runnerId));
    expect(of('w-1').filter((line) => !line.startsWith('RunnerDrain'))).toEqual([
      'RunnerConnected w-1',
      'RunnerBecameBusy w-1',
      'RunnerBecameIdle w-1',
      'RunnerBecameBusy w-1',
    ]);
    expect(of('w-2').filter((line) => !line.startsWith('RunnerDrain'))).toEqual([
      'RunnerConnected w-2',
      'RunnerStopped w-2',
    ]);
    expect(of('w-3')).toEqual(['RunnerConnected w-3']);
    // Rule 2: the newer connect and one drain per older runner commit together.
    const upgrade = web.filter(
      ({ event }) => event.type === 'RunnerConnected' && event.data.runnerId === 'w-3',
    );
    const together = web.filter((e) => e.transactionId === upgrade[0]?.transactionId);
    expect(summary(together).filter((line) => /w-3|Drain/.test(line))).toEqual([
      'RunnerConnected w-3',
      'RunnerDrainRequested w-1',
      'RunnerDrainRequested w-2',
    ]);
    expect(summary(web).filter((line) => line.startsWith('RunnerDrain'))).toHaveLength(2);
    expect(summary(await poolEvents(database.db, ns, 'other'))).toEqual(['RunnerConnected o-1']);
  });

  it('wrote messages of several runners in one append', async () => {
    const { rows } = await sql<{ messages: number }>`
      SELECT count(DISTINCT metadata->>'causationId')::int AS messages
      FROM events WHERE stream_name = ${poolStream(ns, 'web')}
      GROUP BY transaction_id ORDER BY 1 DESC LIMIT 1`.execute(database.db);
    expect(rows[0]?.messages).toBeGreaterThan(1);
  });

  it('registers a repeated connect once, dead-letters the invalid one, ignores the unknown runner', async () => {
    const letters = (await listDeadLetters(database.db)).filter((l) => l.source.includes(`.v1.${ns}.`));
    expect(letters.map((l) => [l.key, l.error])).toEqual([
      ['c-bad', 'version: must be an integer from 1 to 2147483647'],
    ]);
    const liveness = await readModelDb(database.db)
      .selectFrom('runner_liveness')
      .select(['runner_id', 'active_sessions'])
      .where('namespace', '=', ns)
      .orderBy('runner_id')
      .execute();
    expect(liveness).toEqual([
      { runner_id: 'o-1', active_sessions: 0 },
      { runner_id: 'w-1', active_sessions: 3 },
      { runner_id: 'w-2', active_sessions: 1 },
      { runner_id: 'w-3', active_sessions: 0 },
    ]);
    const workers = await readModelDb(database.db)
      .selectFrom('worker_map')
      .select(['runner_id', 'status'])
      .where('namespace', '=', ns)
      .orderBy('runner_id')
      .execute();
    expect(workers).toEqual([
      { runner_id: 'o-1', status: 'active' },
      { runner_id: 'w-1', status: 'draining' },
      { runner_id: 'w-2', status: 'stopped' },
      { runner_id: 'w-3', status: 'active' },
    ]);
  });
});
