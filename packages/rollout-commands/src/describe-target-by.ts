import type { TargetBy } from '@rollcall/contracts';

/** What a target id names, for messages: `server`, or `workspace label value`. */
export function describeTargetBy(targetBy: TargetBy): string {
  return targetBy.by === 'server' ? 'server' : `${targetBy.key} label value`;
}
