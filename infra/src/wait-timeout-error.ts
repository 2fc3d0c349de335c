/** A wait ran out of time; the message says what was waited for and for how long. */
export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError';

  static after(timeoutMs: number, what: string): WaitTimeoutError {
    return new WaitTimeoutError(`timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}`);
  }
}
