import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { headPosition } from '@rollcall/eventlog';
import { useTestDatabase } from '@rollcall/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from './exit-code';
import { writePoolHistory } from './testing/write-pool-history';

// Generous: other test files share the machine, and a child process may take seconds to start under load.
const EVENTUALLY = { timeout: 20_000, interval: 20 };

const database = useTestDatabase();
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const bin = fileURLToPath(new URL('../bin/rollcall.mjs', import.meta.url));

interface Exited {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(command: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const child: ChildProcess = spawn(process.execPath, [...command], {
    cwd: options.cwd ?? repoRoot,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited: Promise<Exited> = once(child, 'exit').then(([code]) => ({
    code: typeof code === 'number' ? code : null,
    stdout,
    stderr,
  }));
  return { child, exited, stdout: () => stdout };
}

/** `node --import tsx packages/cli/src/main.ts ...`, as `./dev rollcall` runs it. */
const rollcall = (argv: readonly string[], env: Record<string, string> = {}) =>
  start(['--import', 'tsx', main, ...argv], { env });

describe('the rollcall process', () => {
  beforeAll(async () => {
    await writePoolHistory(database.db, { namespace: 'acme', pools: 2, steps: 10, seed: 2 });
  });

  it('exits 2 on a bad argument, naming the field on one stderr line', async () => {
    const run = await rollcall(['events', 'read', '--from', 'x', '--database-url', database.url]).exited;
    expect(run).toEqual({
      code: ExitCode.usage,
      stdout: '',
      stderr: 'rollcall: --from: must be a non-negative integer (a log position)\n',
    });
  });

  it('exits 0 and prints NDJSON for events read --json', async () => {
    const run = await rollcall(['events', 'read', '--json'], { DATABASE_URL: database.url }).exited;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(ExitCode.ok);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(Number(await headPosition(database.db)));
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ position: '1', stream: 'pool-acme+pool-1' });
  });

  it('exits 1 with one line when the database cannot be reached', async () => {
    const run = await rollcall(['events', 'read', '--database-url', 'postgres://postgres@127.0.0.1:1/x'])
      .exited;
    expect(run.code).toBe(ExitCode.failure);
    expect(run.stderr).toMatch(/^rollcall: .*ECONNREFUSED.*\n$/);
  });

  it('ends events tail cleanly on SIGINT with exit 0', async () => {
    const tail = rollcall(['events', 'tail', '--from', '1'], { DATABASE_URL: database.url });
    await expect.poll(() => tail.stdout().split('\n').length, EVENTUALLY).toBeGreaterThan(3);
    tail.child.kill('SIGINT');
    const run = await tail.exited;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(ExitCode.ok);
  });

  it('runs through the package bin from any directory', async () => {
    const run = await start([bin, '--help'], { cwd: '/' }).exited;
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toMatch(/^Usage: rollcall \[options\] \[command\]/);
  });
});
