import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from './config-error';

type EnvSource = Readonly<Record<string, string | undefined>>;

/**
 * Parses the environment once, at start-up. Empty values count as unset (compose files and CI often
 * export `VAR=`). Every bad variable is reported, each on its own line, naming the variable and, from the
 * schema field's `.describe()`, how to fix it. Values are never echoed: some are secrets.
 */
export function loadConfig<Schema extends z.ZodObject>(
  schema: Schema,
  env: EnvSource = process.env,
): z.infer<Schema> {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(problemsFrom(schema, present, result.error), { cause: result.error });
}

function problemsFrom(schema: z.ZodObject, present: EnvSource, error: z.ZodError): ConfigProblem[] {
  const byVariable = new Map<string, ConfigProblem>();
  for (const issue of error.issues) {
    const variable = String(issue.path[0] ?? '(environment)');
    if (byVariable.has(variable)) continue;
    const problem = present[variable] === undefined ? 'is not set' : `is invalid (${issue.message})`;
    byVariable.set(variable, { variable, problem, fix: schema.shape[variable]?.description });
  }
  return [...byVariable.values()];
}
