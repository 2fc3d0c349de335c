import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { eventually } from '@rollcall/testkit';

/** One stdout line of the example runner: pino JSON (other lines as `{msg: <text>}`). */
export type LogLine = Readonly<Record<string, unknown>>;

export interface ExampleRunner {
  readonly runnerId: string;
  readonly lines: readonly LogLine[];
  readonly exitCode: Promise<number | null>;
  /** The first line matching, once logged; rejects if the process exits without it. */
  logged(match: (line: LogLine) => boolean, what?: string): Promise<LogLine>;
  kill(): void;
}

export interface ExampleRunnerPlace {
  natsUrl: string;
  prefix: string;
  namespace: string;
}

const repoRoot = new URL('../../', import.meta.url);

/**
 * `node --import tsx examples/runner/src/main.ts` as a child process (debug logs, so each session start is
 * seen), heartbeating every 250 ms. `args` adds the runner's own flags (pool, version, server, workload).
 */
export function startExampleRunner(
  place: ExampleRunnerPlace,
  runnerId: string,
  args: readonly string[],
): ExampleRunner {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'examples/runner/src/main.ts',
      ...['--nats-url', place.natsUrl, '--prefix', place.prefix, '--namespace', place.namespace],
      ...['--runner-id', runnerId, '--heartbeat-ms', '250', '--log-level', 'debug'],
      ...args,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: LogLine[] = [];
  const stderr: string[] = [];
  if (child.stdout) createInterface({ input: child.stdout }).on('line', (text) => lines.push(logLine(text)));
  if (child.stderr) createInterface({ input: child.stderr }).on('line', (text) => stderr.push(text));
  let exited = false;
  const exitCode = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exited = true;
      resolve(code);
    }),
  );

  return {
    runnerId,
    lines,
    exitCode,
    logged: (match, what = 'a log line') =>
      eventually(
        async () => {
          const line = lines.find(match);
          if (line === undefined && exited) {
            throw new Error(`${runnerId} exited without logging ${what}\n${stderr.join('\n')}`);
          }
          return line;
        },
        { what: `${runnerId} logging ${what}` },
      ),
    kill: () => {
      if (!exited) child.kill('SIGKILL');
    },
  };
}

function logLine(text: string): LogLine {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value));
  } catch {
    // not JSON: kept as text below
  }
  return { msg: text };
}
