import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a headless Chromium on a machine with no network beyond loopback (no GPU, no sandbox as root). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function aptInstall(): Promise<void> {
  const options = { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, maxBuffer: 64 * 1024 * 1024 };
  try {
    await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], options);
  } catch {
    // A fresh machine's package lists may be stale or empty: refresh them once, then try again.
    await run('apt-get', ['update'], options);
    await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], options);
  }
}

/** Why the browser test cannot run here, or null: Chromium is there, or we are root and can install it. */
export function chromiumUnavailable(): string | null {
  if (existsSync(CHROMIUM_PATH) || process.getuid?.() === 0) return null;
  return `${CHROMIUM_PATH} is missing and installing it needs root (apt-get install chromium)`;
}

/** Installs Debian's Chromium with apt-get when it is missing (a few minutes, once per machine). */
export async function ensureChromium(): Promise<void> {
  if (existsSync(CHROMIUM_PATH)) return;
  await aptInstall();
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`apt-get installed chromium but ${CHROMIUM_PATH} is missing`);
}
