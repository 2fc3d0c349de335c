import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { freePort } from '@rollcall/testkit';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** The operator token the api process is started with (`ROLLCALL_ADMIN_TOKEN`). */
export const API_PROCESS_TOKEN = 'cli-test-admin-token-0123456789';

export interface ApiProcess {
  url: string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts the real api service (`services/api/src/main.ts`) as its own process, the way `./dev up` does, and
 * waits until `/readyz` answers 200. The CLI under test then only talks HTTP to it, as an operator's would.
 */
export async function startApiProcess(env: {
  databaseUrl: string;
  natsUrl: string;
  /** The test file's own NATS subject prefix. */
  prefix: string;
}): Promise<ApiProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'services/api/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: env.databaseUrl,
      NATS_URL: env.natsUrl,
      ROLLCALL_SUBJECT_PREFIX: env.prefix,
      PORT: String(port),
      ROLLCALL_ADMIN_TOKEN: API_PROCESS_TOKEN,
      // Read commands are run without --token, as on a local `./dev up`; writes still need the token.
      ROLLCALL_ANONYMOUS_READS: 'true',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the api process exited with ${child.exitCode}: ${stderr}`);
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
