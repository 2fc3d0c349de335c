import { poolStream } from '@rollcall/contracts';
import type { PoolCommand } from '@rollcall/domain';
import { type RecordedEvent, readStream } from '@rollcall/eventlog';
import { handlePoolCommand } from '@rollcall/pool-commands';
import { listDrains, startReadModelProjector } from '@rollcall/projections';
import { createLogger } from '@rollcall/service-kit';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ExitCode } from '../exit-code';
import { runCaptured, startCaptured } from '../testing/run-captured';
import { API_PROCESS_TOKEN, type ApiProcess, startApiProcess } from '../testing/start-api-process';

const database = useTestDatabase();
const nats = useTestNats();
const silent = createLogger({ service: 'cli-test', level: 'silent' });

const stopProjector = new AbortController();
let projector: Promise<void> | undefined;
let api: ApiProcess;

const env = () => ({ ROLLCALL_API_URL: api.url, ROLLCALL_TOKEN: API_PROCESS_TOKEN });
const cli = (...argv: string[]) => runCaptured(argv, { env: env() });

const ref = (pool: string) => ({ namespace: 'acme', pool });
const meta = (actor: string) => ({ now: new Date(), actor });

function run(command: PoolCommand) {
  return handlePoolCommand(database.db, command);
}

async function poolEvents(pool: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of readStream(database.db, { streamName: poolStream('acme', pool) }))
    events.push(event);
  return events;
}

/** Waits until the CLI running in the background has printed `text`. */
async function printed(capture: { stdout(): string }, text: string): Promise<void> {
  await vi.waitFor(() => expect(capture.stdout()).toContain(text), { timeout: 20_000, interval: 50 });
}

/**
 * acme/web (drain timeout 300 s): web-1 v1 idle and web-2 v1 with 2 sessions on server-1, web-3 v2 on
 * server-2; acme/api (600 s): api-1 v3 on server-1. The read-model projector runs in this process; the api is its
 * own process, as an operator's CLI would meet it. No drainer runs: the tests play its part.
 */
beforeAll(async () => {
  for (const [pool, drainTimeoutSeconds] of [
    ['web', 300],
    ['api', 600],
  ] as const) {
    await run({
      type: 'ConfigurePool',
      data: {
        ...ref(pool),
        drainOnVersionUpgrade: false,
        drainTimeoutSeconds,
        autoUpgrade: false,
        maxVersionStep: 10,
      },
      metadata: meta('alice'),
    });
  }
  const connect = (pool: string, runnerId: string, version: number, serverId: string) =>
    run({
      type: 'ConnectRunner',
      data: { ...ref(pool), runnerId, version, build: `b${version}`, serverId, slots: 4, labels: {} },
      metadata: meta(runnerId),
    });
  await connect('web', 'web-1', 1, 'server-1');
  await connect('web', 'web-2', 1, 'server-1');
  await connect('web', 'web-3', 2, 'server-2');
  await connect('api', 'api-1', 3, 'server-1');
  await run({
    type: 'RecordActivity',
    data: { ...ref('web'), runnerId: 'web-2', activeSessions: 2 },
    metadata: meta('web-2'),
  });
  projector = startReadModelProjector({
    db: database.db,
    connectionString: database.url,
    signal: stopProjector.signal,
    logger: silent,
    lockRetryMs: 100,
  });
  api = await startApiProcess({ databaseUrl: database.url, natsUrl: nats.url, prefix: nats.prefix });
  // Drains find runners in the worker map.
  await vi.waitFor(
    async () =>
      expect((await cli('workers', '--namespace', 'acme', '--json')).stdout).toContain('"runnerId":"api-1"'),
    { timeout: 20_000, interval: 100 },
  );
}, 60_000);

afterAll(async () => {
  await api?.stop();
  stopProjector.abort();
  await projector;
});

describe('rollcall drain runner --wait', () => {
  it('shows the drained runner until it has stopped, then exits 0', async () => {
    const waiting = startCaptured(
      ['drain', 'runner', 'web-1', '--namespace', 'acme', '--wait', '--timeout', '60'],
      {
        env: env(),
      },
    );
    await printed(waiting, 'web-1 (web v1): requested, drain notice not yet sent');
    const drained = (await poolEvents('web')).at(-1);
    expect(drained).toMatchObject({
      type: 'RunnerDrainRequested',
      data: { runnerId: 'web-1', reason: 'operator', requestedBy: 'admin' },
      metadata: { actor: 'admin' },
    });

    // The drainer's part: the runner is idle, so it is told to stop, and then it disconnects.
    await run({
      type: 'RequestStop',
      data: { ...ref('web'), runnerId: 'web-1', forced: false, reason: 'drain_complete' },
      metadata: meta('drainer'),
    });
    await printed(waiting, 'web-1 (web v1): stopping, stop decided');
    await run({
      type: 'DisconnectRunner',
      data: { ...ref('web'), runnerId: 'web-1', reason: 'drained' },
      metadata: meta('web-1'),
    });

    const done = await waiting.done;
    expect(done.stderr).toBe('');
    expect(done.code).toBe(ExitCode.ok);
    const lines = done.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('drain requested for 1 runner');
    expect(lines[1]).toMatch(/^RUNNER\s+POOL\s+VERSION\s+SERVER\s+REASON\s+DEADLINE$/);
    expect(lines[2]).toMatch(/^web-1\s+web\s+v1\s+server-1\s+operator\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    expect(lines.slice(-2)).toEqual([
      'all 1 drain finished:',
      '  web-1 (web v1): stopped, stopped once idle (runner said: drained)',
    ]);
  });

  it('exits 1 at its timeout, naming each runner still draining and why', async () => {
    const run = await cli(
      'drain',
      'runner',
      'web-2',
      '--namespace',
      'acme',
      '--deadline',
      '600',
      '--wait',
      '--timeout',
      '5',
    );
    expect(run.code).toBe(ExitCode.failure);
    expect(run.stderr).toMatch(
      /^rollcall: timed out after 5 s with 1 drain still in progress: web-2 \(web v1\): requested, drain notice not yet sent; 2 sessions active; forced stop in \d+ s\n$/,
    );
  });
});

describe('rollcall drain server and pool-version', () => {
  it('drains a server across pools and prints the answer as JSON', async () => {
    const run = await cli('drain', 'server', 'server-1', '--namespace', 'acme', '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(ExitCode.ok);
    const reply = JSON.parse(run.stdout);
    expect(reply.drains).toMatchObject([
      {
        runnerId: 'api-1',
        pool: 'api',
        version: 3,
        serverId: 'server-1',
        reason: 'server_drain',
        requestedBy: 'admin',
      },
    ]);
    expect(reply.unchanged).toEqual([{ runnerId: 'web-2', pool: 'web', status: 'draining' }]);
  });

  it('drains a version of a pool with a deadline and a reason', async () => {
    const run = await cli(
      'drain',
      'pool-version',
      'web',
      '2',
      '--namespace',
      'acme',
      '--deadline',
      '90',
      '--reason',
      'rollout',
    );
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toMatch(/^drain requested for 1 runner\n/);
    expect(run.stdout).toMatch(/\nweb-3\s+web\s+v2\s+server-2\s+rollout\s+/);
  });

  it('exits 1 naming a target the API does not know, 2 for a bad command line', async () => {
    const ghost = await cli('drain', 'runner', 'ghost', '--namespace', 'acme');
    expect(ghost.code).toBe(ExitCode.failure);
    expect(ghost.stderr).toBe(
      'rollcall: POST /v1/namespaces/acme/drains answered 404: runner ghost is not known in namespace acme\n',
    );
    const version = await cli('drain', 'pool-version', 'web', '9', '--namespace', 'acme');
    expect(version.stderr).toContain('pool web of namespace acme has no runner of version 9');
    for (const argv of [
      ['drain', 'runner', '--namespace', 'acme'],
      ['drain', 'runner', 'web-2', '--namespace', 'acme', '--deadline', '-3'],
      ['drain', 'runner', 'web-2', '--namespace', 'acme', '--timeout', '5'],
      ['drain', 'pool-version', 'web', 'two', '--namespace', 'acme'],
    ]) {
      expect((await cli(...argv)).code, argv.join(' ')).toBe(ExitCode.usage);
    }
  });

  it('exits 1 without the operator token', async () => {
    const run = await runCaptured(['drain', 'runner', 'web-2', '--namespace', 'acme'], {
      env: { ROLLCALL_API_URL: api.url },
    });
    expect(run.code).toBe(ExitCode.failure);
    expect(run.stderr).toContain('answered 401: this endpoint needs an operator token');
  });
});

describe('rollcall undrain', () => {
  it("cancels a runner's drain, and says when there was none", async () => {
    const run = await cli('undrain', 'web-3', '--namespace', 'acme');
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toBe('undrained web-3 (web): it is active again\n');
    expect((await poolEvents('web')).at(-1)).toMatchObject({
      type: 'RunnerUndrained',
      data: { runnerId: 'web-3', requestedBy: 'admin' },
    });
    const again = await cli('undrain', 'web-3', '--namespace', 'acme', '--json');
    expect(JSON.parse(again.stdout)).toEqual({
      namespace: 'acme',
      runnerId: 'web-3',
      pool: 'web',
      undrained: false,
      status: 'active',
    });
  });

  it('exits 1 saying why a stopped runner cannot be undrained', async () => {
    const run = await cli('undrain', 'web-1', '--namespace', 'acme');
    expect(run.code).toBe(ExitCode.failure);
    expect(run.stderr).toBe(
      'rollcall: DELETE /v1/namespaces/acme/drains/web-1 answered 409: runner web-1 cannot be undrained: it has stopped\n',
    );
  });
});

describe('rollcall drains', () => {
  it('prints the drains view as JSON, as the API has it', async () => {
    const brief = (rows: { runnerId: string; state: string; requestedBy: string }[]) =>
      rows.map(({ runnerId, state, requestedBy }) => ({ runnerId, state, requestedBy }));
    const expected = [
      { runnerId: 'web-2', state: 'requested', requestedBy: 'admin' },
      { runnerId: 'api-1', state: 'requested', requestedBy: 'admin' },
      { runnerId: 'web-3', state: 'undrained', requestedBy: 'admin' },
      { runnerId: 'web-1', state: 'stopped', requestedBy: 'admin' },
    ];
    // The projector folds the last undrain a moment after the API recorded it.
    await vi.waitFor(
      async () =>
        expect(brief(await listDrains(database.db, { namespace: 'acme', now: new Date() }))).toEqual(
          expected,
        ),
      { timeout: 20_000, interval: 50 },
    );
    const run = await cli('drains', '--namespace', 'acme', '--json');
    expect(run.code).toBe(ExitCode.ok);
    const { drains } = JSON.parse(run.stdout);
    expect(brief(drains)).toEqual(expected);
    const ids = (await listDrains(database.db, { namespace: 'acme', now: new Date() })).map(
      (drain) => drain.id,
    );
    expect(drains.map((drain: { id: string }) => drain.id)).toEqual(ids);
  });

  it('prints a table by default: a header, one line per drain, a count', async () => {
    const run = await cli('drains', '--namespace', 'acme');
    expect(run.code).toBe(ExitCode.ok);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^RUNNER\s+POOL\s+VERSION\s+REASON\s+BY\s+REQUESTED\s+DEADLINE\s+LEFT\s+SESSIONS\s+STATE\s+WAITING FOR \/ OUTCOME$/,
    );
    expect(lines.find((line) => line.startsWith('web-2'))).toMatch(
      /^web-2\s+web\s+v1\s+operator\s+admin\s+.*\s+2\s+requested\s+drain notice not yet sent; 2 sessions active; forced stop in \d+ s$/,
    );
    expect(lines.find((line) => line.startsWith('web-1'))).toMatch(
      /\s+stopped\s+stopped once idle \(runner said: drained\)$/,
    );
    expect(lines.at(-1)).toBe('2 drains in progress, 2 finished');
    const empty = await cli('drains', '--namespace', 'nobody');
    expect(empty.stdout).toBe('no drains in namespace nobody\n');
  });
});
