import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./run-service.fixture.ts', import.meta.url));

interface Outcome {
  code: number | null;
  stdout: string[];
  stderr: string[];
}

function startFixture(mode: string): {
  child: ChildProcess;
  outcome: Promise<Outcome>;
  started: Promise<void>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, mode], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  child.stdout?.on('data', (chunk) => {
    stdout += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
    if (stderr.includes('fixture: started')) markStarted();
  });
  const outcome = new Promise<Outcome>((resolve) => {
    child.on('exit', (code) => {
      const lines = (text: string) => text.split('\n').filter(Boolean);
      resolve({ code, stdout: lines(stdout), stderr: lines(stderr) });
    });
  });
  return { child, outcome, started };
}

describe('runService', () => {
  it('on SIGTERM aborts the signal, runs the steps in reverse order and exits 0', async () => {
    const { child, outcome, started } = startFixture('clean');
    await started;
    child.kill('SIGTERM');
    const { code, stdout, stderr } = await outcome;
    expect(code).toBe(0);
    expect(stdout).toEqual(['signal aborted', 'step http', 'step nats', 'step postgres']);
    expect(stderr).toEqual([
      'fixture: started',
      'fixture: received SIGTERM, shutting down',
      'fixture: stopped',
    ]);
  });

  it('runs every step even when one fails, then exits 1 naming it', async () => {
    const { child, outcome, started } = startFixture('failing-step');
    await started;
    child.kill('SIGINT');
    const { code, stdout, stderr } = await outcome;
    expect(code).toBe(1);
    expect(stdout).toEqual(['signal aborted', 'step http', 'step nats', 'step postgres']);
    expect(stderr).toContain('fixture: shutdown step "nats" failed: drain failed');
  });

  it('exits 1 when the steps outlive the shutdown timeout, naming the stuck step', async () => {
    const { child, outcome, started } = startFixture('hanging-step');
    await started;
    child.kill('SIGTERM');
    const { code, stderr } = await outcome;
    expect(code).toBe(1);
    expect(stderr).toContain('fixture: shutdown took longer than 500ms (stuck in step "consumers"); exiting');
  });

  it('when start-up fails prints one line per problem, undoes what was started and exits 1', async () => {
    const { outcome } = startFixture('bad-config');
    const { code, stdout, stderr } = await outcome;
    expect(code).toBe(1);
    expect(stdout).toEqual(['signal aborted', 'step postgres']);
    expect(stderr).toEqual([
      'fixture: DATABASE_URL is not set: set DATABASE_URL to a Postgres URL, e.g. postgres://postgres@127.0.0.1:5432/rollcall',
      'fixture: PORT is invalid (must be an integer from 1 to 65535): set PORT to a free TCP port from 1 to 65535 (default 8080)',
    ]);
  });
});
