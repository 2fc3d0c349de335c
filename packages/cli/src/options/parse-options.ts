import type { z } from 'zod';
import { UsageError } from '../usage-error';

/** How a schema key reads on the command line: `databaseUrl` -> `--database-url` unless named otherwise. */
export type FlagNames = Readonly<Record<string, string>>;

/** The environment variable a flag falls back to, named when the value is missing. */
const ENV_FALLBACK: Readonly<Record<string, string>> = { databaseUrl: 'DATABASE_URL' };

function flagOf(key: PropertyKey | undefined, names: FlagNames): string {
  if (typeof key !== 'string') return 'arguments';
  return names[key] ?? `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

function describeIssue(issue: z.core.$ZodIssue, names: FlagNames): string {
  const key = issue.path[0];
  const flag = flagOf(key, names);
  if (issue.code !== 'invalid_type' || issue.input !== undefined) return `${flag}: ${issue.message}`;
  const env = typeof key === 'string' ? ENV_FALLBACK[key] : undefined;
  return `${flag}: is required${env === undefined ? '' : ` (or set ${env})`}`;
}

/**
 * Validates what commander collected (strings and booleans) at the edge. A failure becomes one
 * {@link UsageError} line naming each bad flag, e.g. `--from: must be a non-negative integer`.
 */
export function parseOptions<Schema extends z.ZodType>(
  schema: Schema,
  raw: unknown,
  names: FlagNames = {},
): z.output<Schema> {
  // reportInput tells a missing value (input undefined) apart from a value of the wrong kind.
  const parsed = schema.safeParse(raw, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw new UsageError(parsed.error.issues.map((issue) => describeIssue(issue, names)).join('; '));
}
