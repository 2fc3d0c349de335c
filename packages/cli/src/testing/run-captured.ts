import { Writable } from 'node:stream';
import type { CliIo } from '../cli-io';
import type { ExitCode } from '../exit-code';
import { runCli } from '../run-cli';

export interface CapturedRun {
  code: ExitCode;
  stdout: string;
  stderr: string;
}

export interface RunningCapture {
  /** What the command wrote to stdout so far. */
  stdout(): string;
  done: Promise<CapturedRun>;
}

export interface CaptureOptions {
  /** Replaces the process environment, so a test only sees the defaults it sets. @default {} */
  env?: CliIo['env'];
  /** Stands for Ctrl-C. */
  signal?: AbortSignal;
}

function collector(chunks: string[]): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
}

/** Starts the CLI in-process with captured (non-TTY) output, for commands that run until interrupted. */
export function startCaptured(
  argv: readonly string[],
  { env = {}, signal = new AbortController().signal }: CaptureOptions = {},
): RunningCapture {
  const out: string[] = [];
  const err: string[] = [];
  const done = runCli(argv, { stdout: collector(out), stderr: collector(err), env, signal }).then((code) => ({
    code,
    stdout: out.join(''),
    stderr: err.join(''),
  }));
  return { stdout: () => out.join(''), done };
}

/** Runs the CLI in-process with captured (non-TTY) output. */
export function runCaptured(argv: readonly string[], options: CaptureOptions = {}): Promise<CapturedRun> {
  return startCaptured(argv, options).done;
}
