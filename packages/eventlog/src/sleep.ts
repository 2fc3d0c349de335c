import { delay } from './delay';

/** `delay` with nothing to race it against: waits `ms`, or less when `signal` aborts; never rejects. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return delay(ms, signal).elapsed;
}
