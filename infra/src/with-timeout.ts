import { WaitTimeoutError } from './wait-timeout-error';

/** Settles like `work`, or rejects with a WaitTimeoutError naming `what` once `timeoutMs` has passed. */
export async function withTimeout<T>(what: string, work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(WaitTimeoutError.after(timeoutMs, what)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
