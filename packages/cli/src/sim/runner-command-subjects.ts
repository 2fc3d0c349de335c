import { RunnerCommandKind, runnerCommandSubject } from '@rollcall/contracts';

// Any valid runner id: only its length matters, to cut the concrete subject back to its namespace part.
const SAMPLE_RUNNER = 'x';
const SAMPLE_KIND = 'drain';

/**
 * `<prefix>.v1.<ns>.runner.*.*`: every command to every runner of a namespace, so a simulated fleet needs one
 * subscription instead of three per runner (each costs the client kilobytes). The contract has no wildcard
 * builder for commands, so it is cut from a concrete subject the contract's builder made.
 */
export function runnerCommandWildcard(prefix: string, namespace: string): string {
  const sample = runnerCommandSubject(prefix, namespace, SAMPLE_RUNNER, SAMPLE_KIND);
  return `${sample.slice(0, -`${SAMPLE_RUNNER}.${SAMPLE_KIND}`.length)}*.*`;
}

/** The runner id and command kind of a subject the wildcard matched; null when the kind is not a command. */
export function parseRunnerCommandSubject(
  subject: string,
): { runnerId: string; kind: RunnerCommandKind } | null {
  const tokens = subject.split('.');
  const runnerId = tokens.at(-2);
  const kind = RunnerCommandKind.safeParse(tokens.at(-1));
  if (runnerId === undefined || !kind.success) return null;
  return { runnerId, kind: kind.data };
}
