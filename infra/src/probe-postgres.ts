import pg from 'pg';

export type PostgresProbe = { ok: true } | { ok: false; error: Error };

/** Connects to `url` and runs `select 1`, giving up after `timeoutMs`. Never throws. */
export async function probePostgres(url: string, timeoutMs = 2_000): Promise<PostgresProbe> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  // A failed connect can also emit 'error'; without a listener that would crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
  } finally {
    await client.end().catch(() => {});
  }
}
