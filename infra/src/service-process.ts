import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { killProcessGroup } from './kill-process-group';
import { LineBuffer } from './line-buffer';
import type { PrintLine } from './line-printer';
import type { ServiceSpec } from './services';
import { stopChild } from './stop-child';

export interface ServiceProcess {
  spec: ServiceSpec;
  child: ChildProcess;
  /** Its last lines of output, to quote when it fails. */
  output: LineBuffer;
  /** Resolves, with a description such as `exit code 1`, when the process has ended and its output is read. */
  exited: Promise<string>;
  /** SIGTERM, then SIGKILL after `graceMs`; then SIGKILL to whatever it left in its process group. */
  stop(graceMs: number): Promise<void>;
}

export interface SpawnServiceOptions {
  /** The repository root; the entry point is resolved from it. */
  root: string;
  env: NodeJS.ProcessEnv;
  print: PrintLine;
  /** The file to run, relative to root, for the spec's service. @default `services/<service>/src/main.ts` */
  entry?: (service: string) => string;
}

const defaultEntry = (service: string) => join('services', service, 'src', 'main.ts');

/** Runs one service with tsx, its output lines printed under its name. */
export function spawnService(spec: ServiceSpec, options: SpawnServiceOptions): ServiceProcess {
  const entry = (options.entry ?? defaultEntry)(spec.service ?? spec.name);
  // Its own process group: a Ctrl-C in the terminal reaches only the supervisor, which then stops the
  // services once each, in order, instead of every process receiving the signal at the same time.
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: options.root,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = new LineBuffer();
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
      output.push(line);
      options.print(spec.name, line);
    });
  }
  const exited = new Promise<string>((resolve) => {
    // 'close' rather than 'exit': by then its last output has been read, so a quote of it is complete.
    child.once('close', (code, signal) => resolve(code === null ? `signal ${signal}` : `exit code ${code}`));
    child.once('error', (error) => resolve(`could not start: ${error.message}`));
  });
  const killOnExit = () => killProcessGroup(child.pid);
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));

  const stop = async (graceMs: number) => {
    await stopChild(child, spec.name, graceMs);
    // A launcher killed after the grace leaves its runners behind (they share its group): none may outlive us.
    killProcessGroup(child.pid);
  };
  return { spec, child, output, exited, stop };
}
