import type { z } from 'zod';

/** `runners[0].runnerId`, or `(root)` for the payload itself. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * One line per zod issue, `path: message`, joined with `; `: short enough for a log line or a dead-letter
 * row, precise enough to find the field.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join('; ');
}
