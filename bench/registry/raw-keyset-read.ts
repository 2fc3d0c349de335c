import pg from 'pg';

export class RawReadCheckFailedError extends Error {
  override readonly name = 'RawReadCheckFailedError';
}

/**
 * The physical reference for reading the log: plain keyset pages over `events` with pg's stock parsers
 * (jsonb decoded), touching every payload, as the event-log bench's raw read does. Returns events/s.
 */
export async function rawKeysetRead(
  connectionString: string,
  expected: number,
  pageSize: number,
): Promise<number> {
  const pool = new pg.Pool({ connectionString, max: 1, application_name: 'bench-raw-read' });
  try {
    const page = (after: string) =>
      pool.query<{ global_position: string; data: unknown }>(
        `SELECT global_position, stream_name, stream_version, type, data, metadata, recorded_at
         FROM events WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
        [after, pageSize],
      );
    await page('0');
    let after = '0';
    let read = 0;
    let touched = 0;
    const started = performance.now();
    for (;;) {
      const { rows } = await page(after);
      const last = rows.at(-1);
      if (last === undefined) break;
      for (const row of rows) {
        if (typeof row.data === 'object' && row.data !== null && 'pool' in row.data) touched += 1;
      }
      read += rows.length;
      after = last.global_position;
    }
    const seconds = (performance.now() - started) / 1000;
    if (read !== expected || touched !== expected) {
      throw new RawReadCheckFailedError(`raw read ${read} events (${touched} decoded), expected ${expected}`);
    }
    return read / seconds;
  } finally {
    await pool.end();
  }
}
