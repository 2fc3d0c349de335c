import { setTimeout as sleep } from 'node:timers/promises';
import { type Runner, RunnerDrainingError, type Session } from '@rollcall/runner-sdk';
import type { Logger } from 'pino';

export interface FakeWorkloadOptions {
  /** New sessions per second; 0 never starts one. */
  sessionRate: number;
  /** How long each session lasts, in ms. */
  sessionMs: number;
  /** Sessions never finish on their own; only a forced stop (their aborted signal) ends them. */
  stuck: boolean;
}

export interface FakeWorkload {
  /** Sessions refused because the runner was draining or stopping. */
  readonly refused: number;
  /** No more arrivals; the sessions already running go on. */
  stop(): void;
}

/**
 * Stands in for real traffic: sessions arrive at a steady rate while the runner has a free slot, hold it
 * for `sessionMs` (or forever when `stuck`) and end. A draining runner refuses them, as a real one would.
 */
export function startFakeWorkload(runner: Runner, options: FakeWorkloadOptions, log: Logger): FakeWorkload {
  let refused = 0;
  let sequence = 0;
  const arrive = () => {
    if (runner.activeSessions >= runner.capacity) return;
    sequence += 1;
    const session = sequence;
    runner
      .session(async ({ signal }) => {
        log.debug({ session, activeSessions: runner.activeSessions }, 'session started');
        await hold(signal, options);
        log.debug({ session, aborted: signal.aborted }, 'session ended');
      })
      .catch((error: unknown) => {
        if (error instanceof RunnerDrainingError) {
          refused += 1;
          if (refused === 1) log.info({ status: error.status }, 'new sessions refused while draining');
          return;
        }
        log.error({ err: error, session }, 'session failed');
      });
  };
  const timer = options.sessionRate > 0 ? setInterval(arrive, 1000 / options.sessionRate) : undefined;
  return {
    get refused() {
      return refused;
    },
    stop: () => clearInterval(timer),
  };
}

async function hold(signal: Session['signal'], { sessionMs, stuck }: FakeWorkloadOptions): Promise<void> {
  if (stuck) {
    // Holds no timer, so a stuck session alone never keeps the process alive once the runner stopped.
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    return;
  }
  await sleep(sessionMs, undefined, { signal }).catch(() => undefined);
}
