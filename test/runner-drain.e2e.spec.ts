import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { headers } from '@nats-io/transport-node';
import { runnerCommandSubject, StopCommand, type WorkerMapRow } from '@rollcall/contracts';
import { getWorker } from '@rollcall/projections';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { configurePool } from './testing/configure-pool';
import { useDrainServices } from './testing/use-drain-services';

// A drain on upgrade with real runner processes: the example runner (the runner SDK around a fake
// workload) started twice as a child process, the registry deciding, the drainer's relay carrying the
// drain from the log to the older runner. The stop at idle is the drainer's process manager's job (not
// started here), so the test sends that stop raw, as the relay would.

const database = useTestDatabase();
const nats = useTestNats();
const children: RunnerProcess[] = [];
const namespace = 'acme';
const repoRoot = new URL('../', import.meta.url);

useDrainServices(database, nats, { heartbeatIntervalSeconds: 1, missedHeartbeats: 10 });

afterAll(() => {
  for (const child of children) child.kill();
});

describe('a v2 runner process connecting next to a v1 runner process', () => {
  it('drains v1: its log says so, it refuses sessions, and the worker map shows it draining', async () => {
    await configurePool(database.db, namespace, 'web');
    const v1 = startExampleRunner([
      ...['--pool', 'web', '--version', '1', '--runner-id', 'web-v1'],
      ...['--session-rate', '20', '--session-ms', '200'],
    ]);
    await v1.logged((line) => line.msg === 'example runner started');
    await worker('web-v1', (row) => row.status === 'active');

    const v2 = startExampleRunner(['--pool', 'web', '--version', '2', '--runner-id', 'web-v2']);
    await worker('web-v2', (row) => row.status === 'active');

    const notice = await v1.logged((line) => line.msg === 'drain received: taking no new sessions');
    expect(notice).toMatchObject({ runnerId: 'web-v1', reason: 'version_upgrade', supersededBy: 2 });
    await v1.logged((line) => line.msg === 'new sessions refused while draining');
    const draining = await worker('web-v1', (row) => row.status === 'draining' && row.activeSessions === 0);
    expect(draining).toMatchObject({
      version: 1,
      draining: true,
      available: false,
      drain: { reason: 'version_upgrade', supersededBy: 2 },
    });
    expect(await worker('web-v2', () => true)).toMatchObject({ status: 'active', available: true });
    expect(v2.lines.some((line) => line.msg === 'drain received: taking no new sessions')).toBe(false);

    // The drainer would send this once v1 is idle; v1 says goodbye and exits 0.
    await sendStop('web-v1', { reason: 'drain_complete', forced: false });
    expect(await v1.exitCode).toBe(0);
    expect(v1.lines.at(-1)).toMatchObject({
      msg: 'example runner exiting',
      reason: 'drain_complete',
      forced: false,
      origin: 'rollcall',
    });
    await worker('web-v1', (row) => row.status === 'stopped');

    // SIGTERM: a graceful exit that also publishes disconnected.
    v2.terminate();
    expect(await v2.exitCode).toBe(0);
    await worker('web-v2', (row) => row.status === 'stopped');
  });
});

/** Publishes a stop the way the relay does: JSON on the runner's stop subject, with a Nats-Msg-Id. */
async function sendStop(runnerId: string, command: StopCommand): Promise<void> {
  const h = headers();
  h.set('Nats-Msg-Id', randomUUID());
  nats.nc.publish(
    runnerCommandSubject(nats.prefix, namespace, runnerId, 'stop'),
    JSON.stringify(StopCommand.parse(command)),
    { headers: h },
  );
  await nats.nc.flush();
}

/** The worker-map row once it matches; the bound only keeps a broken test from hanging. */
async function worker(runnerId: string, match: (row: WorkerMapRow) => boolean): Promise<WorkerMapRow> {
  let last: WorkerMapRow | null = null;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    last = await getWorker(database.db, { namespace, runnerId });
    if (last !== null && match(last)) return last;
    await sleep(50);
  }
  throw new Error(`worker ${runnerId} never matched; last row: ${JSON.stringify(last)}`);
}

type LogLine = Readonly<Record<string, unknown>>;

interface RunnerProcess {
  /** Its stdout, one pino JSON line each (other lines as `{msg: <text>}`). */
  readonly lines: readonly LogLine[];
  readonly exitCode: Promise<number | null>;
  logged(match: (line: LogLine) => boolean): Promise<LogLine>;
  terminate(): void;
  kill(): void;
}

/** `node --import tsx examples/runner/src/main.ts` on this test's NATS prefix and namespace. */
function startExampleRunner(runnerArgs: readonly string[]): RunnerProcess {
  const args = [
    '--import',
    'tsx',
    'examples/runner/src/main.ts',
    ...['--nats-url', nats.url, '--prefix', nats.prefix, '--namespace', namespace],
    ...['--server-id', 'host-1', '--heartbeat-ms', '1000'],
    ...runnerArgs,
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'info' },
  });
  const lines: LogLine[] = [];
  const stderr: string[] = [];
  if (child.stdout) createInterface({ input: child.stdout }).on('line', (text) => lines.push(logLine(text)));
  if (child.stderr) createInterface({ input: child.stderr }).on('line', (text) => stderr.push(text));
  const exitCode = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exited = false;
  void exitCode.then(() => {
    exited = true;
  });

  const handle: RunnerProcess = {
    lines,
    exitCode,
    async logged(match) {
      const deadline = Date.now() + 30_000;
      for (let index = 0; Date.now() < deadline; ) {
        for (; index < lines.length; index++) {
          const line = lines[index];
          if (line !== undefined && match(line)) return line;
        }
        if (exited) break;
        await sleep(20);
      }
      throw new Error(`the runner never logged the line (exited: ${exited})\n${[...stderr].join('\n')}`);
    },
    terminate: () => {
      child.kill('SIGTERM');
    },
    kill: () => {
      if (!exited) child.kill('SIGKILL');
    },
  };
  children.push(handle);
  return handle;
}

function logLine(text: string): LogLine {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value));
  } catch {
    // not JSON: kept as text below
  }
  return { msg: text };
}
