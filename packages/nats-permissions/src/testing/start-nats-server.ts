import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, freePort } from '@rollcall/testkit';

export interface RunningNatsServer {
  readonly port: number;
  /** `nats://<user>:<password>@127.0.0.1:<port>`, the form NATS_URL takes with credentials. */
  urlFor(user: string, password: string): string;
  /** What the server printed so far (quoted when a test fails). */
  output(): string;
  /** Stops the server and removes its folder (config, JetStream store). */
  stop(): Promise<void>;
}

/**
 * A nats-server of the test's own, on a free port, with JetStream in a temp folder, reading the generated
 * users through `include` exactly as an operator's server config would.
 */
export async function startNatsServer(binary: string, usersConfig: string): Promise<RunningNatsServer> {
  const dir = await mkdtemp(join(tmpdir(), 'rollcall-nats-permissions-'));
  const port = await freePort();
  await writeFile(join(dir, 'rollcall-users.conf'), usersConfig, { mode: 0o600 });
  await writeFile(
    join(dir, 'nats-server.conf'),
    [
      `listen: "127.0.0.1:${port}"`,
      `jetstream { store_dir: ${JSON.stringify(join(dir, 'jetstream'))} }`,
      'include rollcall-users.conf',
      '',
    ].join('\n'),
  );
  let printed = '';
  const child: ChildProcess = spawn(binary, ['-c', join(dir, 'nats-server.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    printed += chunk.toString('utf8');
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`nats-server exited (${child.exitCode}):\n${printed}`);
        return (await acceptsTcp(port)) || undefined;
      },
      { what: `nats-server on port ${port} to listen`, timeoutMs: 10_000 },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    port,
    urlFor: (user, password) =>
      `nats://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    output: () => printed,
    stop,
  };
}

function acceptsTcp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
