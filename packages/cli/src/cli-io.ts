import type { Writable } from 'node:stream';

/** A stream the CLI writes to; `isTTY` decides between live output (progress bars, redrawn lines) and plain lines. */
export type CliStream = Writable & { readonly isTTY?: boolean };

/**
 * Everything a command touches outside its arguments, handed in so the whole CLI runs in-process in tests:
 * the output streams, the environment its defaults come from, and a signal that Ctrl-C aborts.
 */
export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on SIGINT/SIGTERM: long-running commands (tail, sim) end cleanly and exit 0. */
  readonly signal: AbortSignal;
}
