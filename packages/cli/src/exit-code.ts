/** Exit codes scripts can rely on. */
export const ExitCode = {
  ok: 0,
  /** The command was understood but failed (unreachable service, unknown consumer, HTTP error). */
  failure: 1,
  /** The command line was wrong: unknown command or option, bad or missing argument. */
  usage: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
