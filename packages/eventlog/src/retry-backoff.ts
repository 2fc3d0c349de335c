export interface RetryBackoff {
  /** Delay before the second attempt, in ms. @default 250 */
  initialMs?: number;
  /** Longest delay between attempts, in ms. @default 30000 */
  maxMs?: number;
  /** @default 2 */
  factor?: number;
}

/** The delay before attempt `attempt + 1`: exponential from `initialMs`, capped at `maxMs`. */
export function backoffOf(options: RetryBackoff | undefined): (attempt: number) => number {
  const initialMs = options?.initialMs ?? 250;
  const maxMs = options?.maxMs ?? 30_000;
  const factor = options?.factor ?? 2;
  return (attempt) => Math.min(maxMs, initialMs * factor ** Math.max(0, attempt - 1));
}
