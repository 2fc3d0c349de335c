import pg from 'pg';
import type { Logger } from 'pino';
import { EVENTS_CHANNEL } from './append-statements';
import { sleep } from './sleep';

/**
 * A wake-up signal for tailing readers. Read `generation` BEFORE reading the log, then pass it to
 * `waitForWake`: a notification that arrives between the read and the wait still wakes the reader.
 */
export interface Wake {
  /** Bumped by every notification, and by every (re)connect, since notifications may have been missed. */
  readonly generation: number;
  /** Resolves true once `generation` has moved past `since`; false on timeout or abort. */
  waitForWake(since: number, timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
}

export interface AppendListener extends Wake {
  /** Resolves once the signal aborted and the connection is closed. */
  readonly closed: Promise<void>;
}

export interface ListenForAppendsOptions {
  connectionString: string;
  signal: AbortSignal;
  logger: Logger;
  /** @default 'rollcall:listen' */
  applicationName?: string;
  /** First delay before reconnecting, in ms, doubled per failed attempt. @default 250 */
  reconnectDelayMs?: number;
  /** Longest delay between reconnect attempts, in ms. @default 10000 */
  maxReconnectDelayMs?: number;
}

/**
 * One dedicated connection that LISTENs on the channel appends notify (`rollcall_events`) (kysely's pool cannot: a LISTEN lives as long as
 * its session). It reconnects after errors until `signal` aborts. Share one per process among subscribers.
 */
export function listenForAppends(options: ListenForAppendsOptions): AppendListener {
  const { signal, logger } = options;
  let generation = 0;
  const waiters = new Set<() => void>();

  const bump = () => {
    generation += 1;
    for (const wake of [...waiters]) wake();
  };

  const waitForWake = (since: number, timeoutMs: number, waitSignal?: AbortSignal): Promise<boolean> => {
    if (generation > since) return Promise.resolve(true);
    if (waitSignal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (woken: boolean) => {
        clearTimeout(timer);
        waiters.delete(onWake);
        waitSignal?.removeEventListener('abort', onAbort);
        resolve(woken);
      };
      const onWake = () => done(true);
      const onAbort = () => done(false);
      const timer = setTimeout(onAbort, timeoutMs);
      waiters.add(onWake);
      waitSignal?.addEventListener('abort', onAbort, { once: true });
    });
  };

  const run = async () => {
    const firstDelay = options.reconnectDelayMs ?? 250;
    let delay = firstDelay;
    const aborted = untilAborted(signal);
    while (!signal.aborted) {
      const client = new pg.Client({
        connectionString: options.connectionString,
        application_name: options.applicationName ?? 'rollcall:listen',
        keepAlive: true,
      });
      const lost = new Promise<unknown>((resolve) => {
        client.on('error', resolve);
        client.on('end', () => resolve(new Error('connection ended')));
      });
      try {
        await client.connect();
        client.on('notification', (message) => {
          if (message.channel === EVENTS_CHANNEL) bump();
        });
        await client.query(`LISTEN ${EVENTS_CHANNEL}`);
        delay = firstDelay;
        bump();
        const reason = await Promise.race([lost, aborted]);
        if (!signal.aborted) logger.warn({ err: reason }, 'event notification connection lost; reconnecting');
      } catch (error) {
        if (!signal.aborted) logger.warn({ err: error }, 'cannot listen for event notifications; retrying');
      } finally {
        await client.end().catch(() => undefined);
      }
      await sleep(delay, signal);
      delay = Math.min(delay * 2, options.maxReconnectDelayMs ?? 10_000);
    }
  };

  const closed = run();
  return {
    get generation() {
      return generation;
    },
    waitForWake,
    closed,
  };
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
