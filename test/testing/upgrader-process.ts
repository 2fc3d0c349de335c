import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { eventually, freePort, type TestDatabase, type TestNats } from '@rollcall/testkit';

export interface UpgraderProcess {
  /** Resolves once its /readyz answers 200. */
  ready(): Promise<void>;
  /** SIGKILL: no shutdown step runs; its Postgres sessions (and the leader lock) go with the process. */
  kill(): Promise<void>;
  readonly output: readonly string[];
}

const repoRoot = new URL('../../', import.meta.url);

/** `services/upgrader/src/main.ts` as a child process on the test's database and subject prefix. */
export async function startUpgraderProcess(database: TestDatabase, nats: TestNats): Promise<UpgraderProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'services/upgrader/src/main.ts'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      NATS_URL: nats.url,
      ROLLCALL_SUBJECT_PREFIX: nats.prefix,
      PORT: String(port),
      LOG_LEVEL: 'info',
    },
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (line) => output.push(line));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    output,
    async ready() {
      await eventually(
        async () => {
          if (child.exitCode !== null) throw new Error(`the upgrader exited:\n${output.join('\n')}`);
          const response = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null);
          return response?.status === 200 ? true : undefined;
        },
        { what: 'the upgrader process ready', timeoutMs: 30_000 },
      );
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
