import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface BenchDatabase {
  readonly name: string;
  readonly connectionString: string;
  drop(): Promise<void>;
}

/** A database of its own per benchmark (`rc_bench_<hex>`), so a run leaves nothing behind and never sees old data. */
export async function createBenchDatabase(adminConnectionString: string): Promise<BenchDatabase> {
  const name = `rc_bench_${randomBytes(6).toString('hex')}`;
  // The name is generated above from hex digits only, so it is safe as an identifier.
  await withAdmin(adminConnectionString, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminConnectionString);
  url.pathname = `/${name}`;
  return {
    name,
    connectionString: url.toString(),
    drop: () =>
      withAdmin(adminConnectionString, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      ),
  };
}

async function withAdmin(
  connectionString: string,
  work: (client: pg.Client) => Promise<unknown>,
): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
