import { createServer } from 'node:net';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { freePort } from './index';
import { type TestDatabase, useTestDatabase } from './use-test-database';
import { type TestNats, useTestNats } from './use-test-nats';

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    return (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

async function streamNames(): Promise<string[]> {
  const nc = await connect({ servers: inject('natsUrl') });
  try {
    const names: string[] = [];
    for await (const name of (await jetstreamManager(nc)).streams.names()) names.push(name);
    return names;
  } finally {
    await nc.drain();
  }
}

const databases: TestDatabase[] = [];
const natsHandles: TestNats[] = [];

describe('two files (here: two describe blocks) using the testkit', () => {
  describe('the first', () => {
    const database = useTestDatabase();
    const nats = useTestNats();
    databases.push(database);
    natsHandles.push(nats);

    it('gets its own migrated database, named rc_t_<8 hex>', async () => {
      expect(database.name).toMatch(/^rc_t_[0-9a-f]{8}$/);
      expect(new URL(database.url).pathname).toBe(`/${database.name}`);
      const { rows } = await sql<{ current_database: string; events: string | null }>`
        select current_database(), to_regclass('events')::text as events`.execute(database.db);
      expect(rows).toEqual([{ current_database: database.name, events: 'events' }]);
    });

    it('gets its own subject prefix and stream names, and a working connection', async () => {
      expect(nats.prefix).toMatch(/^t[0-9a-f]{8}$/);
      expect(nats.streamName('ingest')).toBe(`${nats.prefix}_ingest`);
      const jsm = await jetstreamManager(nats.nc);
      await jsm.streams.add({ name: nats.streamName('ingest'), subjects: [`${nats.prefix}.>`] });
      const ack = await jetstream(nats.nc).publish(`${nats.prefix}.runner.connected`, '{}');
      expect(ack.stream).toBe(nats.streamName('ingest'));
      // A KV bucket named the same way is a stream `KV_<name>`, which afterAll must remove too.
      await jsm.streams.add({
        name: `KV_${nats.streamName('liveness')}`,
        subjects: [`$KV.${nats.streamName('liveness')}.>`],
      });
    });
  });

  describe('the second', () => {
    const database = useTestDatabase();
    const nats = useTestNats();
    databases.push(database);
    natsHandles.push(nats);

    it('does not share the first one’s database', async () => {
      expect(database.name).not.toBe(databases[0]?.name);
      const { rows } = await sql<{ n: string }>`select count(*)::text as n from events`.execute(database.db);
      expect(rows).toEqual([{ n: '0' }]);
    });

    it('does not share the first one’s prefix, and its streams do not capture the first one’s subjects', async () => {
      expect(nats.prefix).not.toBe(natsHandles[0]?.prefix);
      const jsm = await jetstreamManager(nats.nc);
      await jsm.streams.add({ name: nats.streamName('ingest'), subjects: [`${nats.prefix}.>`] });
      nats.nc.publish(`${natsHandles[0]?.prefix}.runner.connected`, '{}');
      await nats.nc.flush();
      const info = await jsm.streams.info(nats.streamName('ingest'));
      expect(info.state.messages).toBe(0);
    });
  });

  describe('after both have finished', () => {
    it('their databases are dropped', async () => {
      expect(databases).toHaveLength(2);
      for (const database of databases) expect(await databaseExists(database.name)).toBe(false);
    });

    it('their streams and KV buckets are deleted', async () => {
      const names = await streamNames();
      for (const { prefix } of natsHandles) expect(names.filter((n) => n.includes(prefix))).toEqual([]);
    });

    it('reading a handle outside its lifetime says so', () => {
      expect(() => databases[0]?.db).toThrow(/used before beforeAll created it/);
      expect(() => natsHandles[0]?.nc).toThrow(/used before beforeAll connected/);
    });
  });
});

describe('freePort', () => {
  it('gives a port that can be listened on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    expect(server.address()).toMatchObject({ port });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
