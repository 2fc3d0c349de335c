import { DependencyUnavailableError } from './dependency-unavailable-error';
import { type ReadinessCheck, runReadinessChecks } from './readiness-check';

export interface CheckReachableOptions {
  /** What the operator should do about it, e.g. "check DATABASE_URL". */
  hint: string;
  /** @default 5000 */
  timeoutMs?: number;
}

/**
 * Fails start-up at once, with one line naming the dependency, where it was looked for and why it did not
 * answer, instead of a service that starts and then fails every request. Orchestrators restart it.
 */
export async function checkReachable(
  check: ReadinessCheck,
  { hint, timeoutMs = 5000 }: CheckReachableOptions,
): Promise<void> {
  const [result] = await runReadinessChecks([check], { timeoutMs });
  if (result === undefined || result.ok) return;
  const where = check.target === undefined ? '' : ` at ${check.target}`;
  throw new DependencyUnavailableError(
    check.name,
    `cannot reach ${check.name}${where}: ${result.error}; ${hint}`,
  );
}
