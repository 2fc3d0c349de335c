import pg from 'pg';
import type { Logger } from 'pino';
import { sleep } from './sleep';

export interface AdvisoryLockOptions {
  connectionString: string;
  /** The lock's name; its key is `hashtext(name)`. */
  name: string;
  signal: AbortSignal;
  logger: Logger;
  /** How often a standby asks for the lock, and how often the holder checks its session is alive, in ms. @default 5000 */
  retryMs?: number;
  /** Shown in pg_stat_activity, so an operator can find the holder. @default `rollcall-lock:${name}` */
  applicationName?: string;
}

/**
 * Runs `work` only while this process holds the session-level advisory lock `name`, so one instance among
 * replicas does it. The lock lives on a dedicated connection (not kysely's pool, whose connections come and go);
 * until it is granted this waits as a standby. `work` gets a signal that aborts when `signal` aborts or when the
 * lock's session is lost: Postgres then released the lock and a standby may already hold it, so `work` must
 * stop (after its in-flight step). After a loss this goes back to standing by; it resolves once `signal`
 * aborted. An error thrown by `work` releases the lock and is rethrown.
 */
export async function whileHoldingAdvisoryLock(
  options: AdvisoryLockOptions,
  work: (held: AbortSignal) => Promise<void>,
): Promise<void> {
  const { name, signal, logger } = options;
  const retryMs = options.retryMs ?? 5000;
  let saidStandingBy = false;

  while (!signal.aborted) {
    const session = new AbortController();
    const client = new pg.Client({
      connectionString: options.connectionString,
      application_name: options.applicationName ?? `rollcall-lock:${name}`,
      keepAlive: true,
      // Bounds the lock and liveness queries: a session that cannot answer in time counts as lost.
      query_timeout: Math.max(retryMs, 5000),
    });
    client.on('error', (error) => session.abort(error));
    client.on('end', () => session.abort(new Error('lock connection ended')));
    const live = AbortSignal.any([signal, session.signal]);
    try {
      let held = false;
      try {
        await client.connect();
        while (!live.aborted) {
          const result = await client.query<{ locked: boolean }>(
            'select pg_try_advisory_lock(hashtext($1)) as locked',
            [name],
          );
          if (result.rows[0]?.locked === true) {
            held = true;
            break;
          }
          if (!saidStandingBy) logger.info({ lock: name }, 'another instance holds the lock; standing by');
          saidStandingBy = true;
          await sleep(retryMs, live);
        }
      } catch (error) {
        if (!signal.aborted) logger.warn({ err: error, lock: name }, 'cannot ask for the lock; retrying');
      }
      if (held) {
        saidStandingBy = false;
        logger.info({ lock: name }, 'lock acquired');
        const checking = checkSessionWhileHeld(client, retryMs, live, session);
        try {
          await work(live);
        } finally {
          session.abort(new Error('work ended'));
          await checking;
        }
        if (!signal.aborted) logger.warn({ lock: name }, 'lock session lost; standing by');
      }
    } finally {
      // Closing the session releases the lock.
      await client.end().catch(() => undefined);
    }
    await sleep(retryMs, signal);
  }
}

/** A dead TCP peer may raise no error for minutes; a periodic query (with the client's timeout) notices sooner. */
async function checkSessionWhileHeld(
  client: pg.Client,
  everyMs: number,
  live: AbortSignal,
  session: AbortController,
): Promise<void> {
  while (!live.aborted) {
    await sleep(everyMs, live);
    if (live.aborted) return;
    try {
      await client.query('select 1');
    } catch (error) {
      session.abort(error);
    }
  }
}
