import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export class RegistryProcessError extends Error {
  override readonly name = 'RegistryProcessError';
}

export interface ProcessMemory {
  /** Resident set size now, bytes (VmRSS). */
  readonly rssBytes: number;
  /** Its peak so far, bytes (VmHWM). */
  readonly peakRssBytes: number;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The registry service as it runs in production, `node --import tsx services/registry/src/main.ts`, in a
 * process of its own so its memory is its own. Resolves once its /readyz answers 200.
 */
export async function startRegistryProcess(env: {
  databaseUrl: string;
  natsUrl: string;
  prefix: string;
  /** Extra `NODE_OPTIONS` for the process (V8 heap flags, say); none by default. */
  nodeOptions?: string;
}): Promise<{
  pid: number;
  memory(): ProcessMemory;
  /** The V8 heap as the process's own /metrics reports it. */
  heap(): Promise<HeapFigures>;
  stop(): Promise<void>;
}> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/registry/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: env.nodeOptions ?? '',
      DATABASE_URL: env.databaseUrl,
      NATS_URL: env.natsUrl,
      ROLLCALL_SUBJECT_PREFIX: env.prefix,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      // The bench's runners send no heartbeats; none may be declared lost while it measures.
      ROLLCALL_HEARTBEAT_INTERVAL_SECONDS: '3600',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const pid = child.pid;
  if (pid === undefined) throw new RegistryProcessError('the registry process did not start');
  try {
    await untilReady(child, port, () => stderr);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    pid,
    memory: () => memoryOf(pid),
    heap: async () => heapFigures(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

async function untilReady(child: ChildProcess, port: number, stderr: () => string): Promise<void> {
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) {
      throw new RegistryProcessError(`the registry process exited (${child.exitCode}): ${stderr()}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new RegistryProcessError(`the registry process was not ready within 60 s: ${stderr()}`);
}

/** VmRSS and VmHWM from /proc/<pid>/status. */
export function memoryOf(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (match?.[1] === undefined) throw new RegistryProcessError(`no ${field} in /proc/${pid}/status`);
    return Number(match[1]) * 1024;
  };
  return { rssBytes: kilobytes('VmRSS'), peakRssBytes: kilobytes('VmHWM') };
}

export interface HeapFigures {
  readonly heapUsedBytes: number;
  readonly heapTotalBytes: number;
  readonly externalBytes: number;
}

function heapFigures(metrics: string): HeapFigures {
  const value = (name: string) => {
    const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'm').exec(metrics);
    return match?.[1] === undefined ? Number.NaN : Number(match[1]);
  };
  return {
    heapUsedBytes: value('nodejs_heap_size_used_bytes'),
    heapTotalBytes: value('nodejs_heap_size_total_bytes'),
    externalBytes: value('nodejs_external_memory_bytes'),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new RegistryProcessError('no free port')),
      );
    });
  });
}
