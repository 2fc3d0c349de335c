import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { defaultStateDir } from './state-dir';

/**
 * `.rollcall/cli.env`: where the running bring-up tells `./dev rollcall` how to reach it, so the tour's CLI
 * commands work without copying URLs or the admin token by hand. Only the bring-up's owner may read it.
 */
export const cliEnvFile = join(defaultStateDir, 'cli.env');

export type CliEnv = Readonly<
  Record<
    'DATABASE_URL' | 'NATS_URL' | 'ROLLCALL_API_URL' | 'ROLLCALL_TOKEN' | 'ROLLCALL_SUBJECT_PREFIX',
    string
  >
>;

export async function writeCliEnv(env: CliEnv, file = cliEnvFile): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  // Single-quoted for the shell that sources it; none of these values may contain a quote.
  const lines = Object.entries(env).map(([key, value]) => `${key}='${value.replaceAll("'", '')}'`);
  await writeFile(file, `${lines.join('\n')}\n`, { mode: 0o600 });
}

export async function removeCliEnv(file = cliEnvFile): Promise<void> {
  await rm(file, { force: true });
}
