import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full GC before each read makes its peak RSS say what that read needed, not what the previous one left
// behind. `pnpm bench` runs plain `tsx`, so expose gc at runtime instead of requiring --expose-gc.
setFlagsFromString('--expose-gc');
const gc: unknown = runInNewContext('gc');

export function collectGarbage(): void {
  if (typeof gc === 'function') gc();
}
