import type { ChildProcess } from 'node:child_process';
import { withTimeout } from './with-timeout';

/** Sends SIGTERM, then SIGKILL once `graceMs` has passed; resolves when the process has exited. */
export async function stopChild(child: ChildProcess, what: string, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await withTimeout(`${what} to exit after SIGTERM`, exit, graceMs).catch(async () => {
    child.kill('SIGKILL');
    await exit;
  });
}
