import pg from 'pg';

const duplicateDatabase = '42P04';

/**
 * Creates database `name` on the server behind `adminUrl` unless it exists, and returns its URL. Bring-up
 * keeps Rollcall's tables in their own database rather than in a shared server's `postgres`.
 */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const existing = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (existing.rowCount === 0) {
      await client.query(`create database ${client.escapeIdentifier(name)}`).catch((error: unknown) => {
        // Someone else created it between our check and our create: that is what we wanted.
        if (!(error instanceof Error && 'code' in error && error.code === duplicateDatabase)) throw error;
      });
    }
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}
