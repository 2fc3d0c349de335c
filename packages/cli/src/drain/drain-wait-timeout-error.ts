import type { DrainView } from '@rollcall/contracts';
import { describeDrain } from '../output/describe-drain';

/** `--wait` gave up: some drains were still in progress at the timeout. */
export class DrainWaitTimeoutError extends Error {
  override readonly name = 'DrainWaitTimeoutError';
  constructor(
    readonly timeoutSeconds: number,
    readonly stillDraining: readonly DrainView[],
    readonly notYetShown: readonly string[] = [],
  ) {
    const waiting = [
      ...stillDraining.map(describeDrain),
      ...notYetShown.map(
        (id) => `drain ${id}: not in the drains view yet (is the registry's projector running?)`,
      ),
    ];
    super(
      `timed out after ${timeoutSeconds} s with ${waiting.length} drain${waiting.length === 1 ? '' : 's'} still in progress: ${waiting.join('; ')}`,
    );
  }
}
