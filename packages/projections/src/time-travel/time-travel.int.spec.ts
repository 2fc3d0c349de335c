import { headPosition } from '@rollcall/eventlog';
import { useTestDatabase } from '@rollcall/testkit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listWorkers } from '../queries/list-workers';
import { type PoolDriver, poolDriver, tickingClock } from '../testing/pool-driver';
import { runProjector } from '../testing/run-projector';
import { positionAt } from './position-at';
import { workersAt } from './workers-at';

const testDb = useTestDatabase();
const web = { namespace: 'acme', pool: 'web' };
let driver: PoolDriver;
let projector: ReturnType<typeof runProjector>;
/** The log's head once the v1 fleet stood, and a database instant between that and the upgrade. */
let v1Fleet: bigint;
let between: Date;

const brief = (rows: readonly { runnerId: string; version: number; status: string }[]) =>
  rows.map(({ runnerId, version, status }) => `${runnerId}@${version}:${status}`);

beforeAll(async () => {
  driver = poolDriver(testDb.db, tickingClock('2026-03-01T12:00:00.000Z'));
  projector = runProjector(testDb.db, testDb.url);
  await driver.configure(web);
  await driver.connect(web, 'a', 1);
  await driver.connect(web, 'b', 1, { serverId: 'server-2' });
  await driver.connect({ namespace: 'other', pool: 'web' }, 'z', 5);
  v1Fleet = await headPosition(testDb.db);
  const { rows } = await sql<{ now: Date }>`SELECT clock_timestamp() AS now`.execute(testDb.db);
  between = rows[0]?.now ?? new Date();
  await driver.connect(web, 'c', 2);
  await driver.stop(web, 'a');
  await driver.disconnect(web, 'a');
  await projector.caughtUp();
});

afterAll(async () => {
  await projector.stop();
});

describe('workersAt', () => {
  it('shows the fleet as it was at an earlier position', async () => {
    expect(brief(await listWorkers(testDb.db, web))).toEqual(['a@1:stopped', 'b@1:draining', 'c@2:active']);
    expect(brief(await workersAt(testDb.db, { namespace: 'acme', position: v1Fleet }))).toEqual([
      'a@1:active',
      'b@1:active',
    ]);
    expect(await workersAt(testDb.db, { namespace: 'acme', position: 0n })).toEqual([]);
  });

  it('equals the live worker map at the head (no heartbeats recorded)', async () => {
    const head = await headPosition(testDb.db);
    expect(await workersAt(testDb.db, { namespace: 'acme', position: head })).toEqual(
      await listWorkers(testDb.db, { namespace: 'acme' }),
    );
  });

  it('applies the same filters as listWorkers', async () => {
    const head = await headPosition(testDb.db);
    const at = (filters: Partial<Parameters<typeof workersAt>[1]>) =>
      workersAt(testDb.db, { namespace: 'acme', position: head, ...filters });
    expect(brief(await at({ available: true }))).toEqual(['c@2:active']);
    expect(brief(await at({ serverId: 'server-2' }))).toEqual(['b@1:draining']);
    expect(brief(await at({ status: 'stopped' }))).toEqual(['a@1:stopped']);
    expect(brief(await at({ pool: 'api' }))).toEqual([]);
    expect(brief(await workersAt(testDb.db, { namespace: 'other', position: v1Fleet }))).toEqual([
      'z@5:active',
    ]);
  });
});

describe('positionAt', () => {
  it('finds the last position recorded at or before an instant', async () => {
    expect(await positionAt(testDb.db, { time: between })).toBe(v1Fleet);
    expect(await positionAt(testDb.db, { time: new Date('2000-01-01T00:00:00Z') })).toBe(0n);
    expect(await positionAt(testDb.db, { time: new Date('2100-01-01T00:00:00Z') })).toBe(
      await headPosition(testDb.db),
    );
  });
});
