import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DASHBOARD_DIST } from './dashboard-dist';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** What the bundle is built from: a change to any of them makes the built dashboard stale. */
const SOURCES = ['src', 'index.html', 'vite.config.ts', 'package.json'];

export type BuildOutcome = 'built' | 'fresh';

async function newestChange(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestChange(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

async function builtAt(): Promise<number | null> {
  try {
    return (await stat(join(DASHBOARD_DIST, 'index.html'))).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * Builds the dashboard with Vite when its dist is missing or older than its sources, so `./dev` and the
 * browser test always serve the current page; a fresh build is left alone (a build takes seconds).
 */
export async function buildDashboardIfStale(): Promise<BuildOutcome> {
  const built = await builtAt();
  if (built !== null) {
    const changes = await Promise.all(SOURCES.map((source) => newestChange(join(PACKAGE_DIR, source))));
    if (Math.max(...changes) <= built) return 'fresh';
  }
  // Imported here: the api imports this package for DASHBOARD_DIST only, and needs no bundler for that.
  const { build } = await import('vite');
  await build({ root: PACKAGE_DIR, logLevel: 'warn' });
  return 'built';
}
