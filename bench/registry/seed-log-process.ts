import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { SeedLogSettings } from './seed-log';

const MAIN = fileURLToPath(new URL('./seed-log-main.ts', import.meta.url));

/**
 * `seedLog` in a process of its own: folding a million events through the domain grows a heap that this
 * process would keep, and the rebuild's RSS, measured here, would then say more about the seeding.
 */
export async function seedLogInChildProcess(
  connectionString: string,
  settings: SeedLogSettings,
): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', MAIN, JSON.stringify({ connectionString, settings })],
    { maxBuffer: 1024 * 1024 },
  );
}
