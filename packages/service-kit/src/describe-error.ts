/**
 * One line saying what went wrong, following the `cause` chain: "migration failed: connect ECONNREFUSED
 * 127.0.0.1:5999". Errors with an empty message (pg's AggregateError on a dual-stack connect) fall back to
 * their code or name.
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth += 1) {
    const part = describeOne(current);
    if (!parts.some((seen) => seen.includes(part))) parts.push(part);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(': ');
}

function describeOne(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (error.message === '') return code ?? error.name;
  return code !== undefined && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}
