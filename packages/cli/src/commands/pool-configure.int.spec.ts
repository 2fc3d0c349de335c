import { PoolView, poolStream } from '@rollcall/contracts';
import { type RecordedEvent, readStream } from '@rollcall/eventlog';
import { migrateReadModels, startReadModelProjector } from '@rollcall/projections';
import { createLogger } from '@rollcall/service-kit';
import { eventually, useTestDatabase, useTestNats } from '@rollcall/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../exit-code';
import { PoolsReply } from '../http/api-replies';
import { runCaptured } from '../testing/run-captured';
import { API_PROCESS_TOKEN, type ApiProcess, startApiProcess } from '../testing/start-api-process';

const database = useTestDatabase();
const nats = useTestNats();
const silent = createLogger({ service: 'cli-test', level: 'silent' });

const stopProjector = new AbortController();
let projector: Promise<void> | undefined;
let api: ApiProcess;

const cli = (...argv: string[]) =>
  runCaptured(argv, { env: { ROLLCALL_API_URL: api.url, ROLLCALL_TOKEN: API_PROCESS_TOKEN } });
const configure = (pool: string, ...flags: string[]) =>
  cli('pools', 'configure', pool, '--namespace', 'acme', ...flags);

async function poolEvents(pool: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of readStream(database.db, { streamName: poolStream('acme', pool) }))
    events.push(event);
  return events;
}

/** Waits until the pools list (a read model, kept by the projector) satisfies `check`. */
function listedPool(pool: string, check: (view: PoolView) => boolean): Promise<PoolView> {
  return eventually(
    async () => {
      const run = await cli('pools', '--namespace', 'acme', '--json');
      const view = PoolsReply.parse(JSON.parse(run.stdout)).pools.find((listed) => listed.pool === pool);
      return view !== undefined && check(view) ? view : undefined;
    },
    { what: `pool ${pool} in the pools list` },
  );
}

beforeAll(async () => {
  await migrateReadModels(database.db);
  projector = startReadModelProjector({
    db: database.db,
    connectionString: database.url,
    signal: stopProjector.signal,
    logger: silent,
    lockRetryMs: 100,
  });
  api = await startApiProcess({ databaseUrl: database.url, natsUrl: nats.url, prefix: nats.prefix });
}, 60_000);

afterAll(async () => {
  await api?.stop();
  stopProjector.abort();
  await projector;
});

describe('rollcall pools configure', () => {
  it('configures a new pool, then changes only the settings given, over the api', async () => {
    const first = await configure(
      'web',
      '--no-drain-on-upgrade',
      '--drain-timeout',
      '60',
      '--auto-upgrade',
      '--strategy',
      'canary',
      '--canary-share',
      '0.25',
      '--gate',
      'approval',
      '--failure-threshold',
      '25%',
      '--target-label',
      'workspace',
      '--pin',
      'ws1=3',
      '--target-config',
      'ws2={"region":"eu"}',
    );
    expect(first.stderr).toBe('');
    expect(first.code).toBe(ExitCode.ok);
    expect(first.stdout).toBe(
      [
        'pool web (namespace acme): configured',
        '',
        'SETTING            VALUE',
        'drain on upgrade   no',
        'drain timeout      60 s',
        'auto upgrade       yes',
        'max version step   10',
        'rollout strategy   canary (25% of targets, approval gate)',
        'targets by         label workspace',
        'healthy window     10 s',
        'failure threshold  25% of targets',
        'auto rollback      yes',
        '',
        'TARGET  PINNED  EXTRA CONFIG',
        'ws1     v3      -',
        'ws2     -       {"region":"eu"}',
        '',
      ].join('\n'),
    );
    const firstConfig = {
      drainOnVersionUpgrade: false,
      drainTimeoutSeconds: 60,
      autoUpgrade: true,
      maxVersionStep: 10,
      rolloutDefaults: {
        strategy: { kind: 'canary', canaryShare: 0.25, gate: 'approval' },
        targetBy: { by: 'label', key: 'workspace' },
        healthyWindowSeconds: 10,
        failureThreshold: { kind: 'share', share: 0.25 },
        autoRollback: true,
      },
      targets: { ws1: { pinnedVersion: 3 }, ws2: { extraConfig: { region: 'eu' } } },
    };
    expect(await poolEvents('web')).toMatchObject([
      {
        type: 'PoolConfigured',
        data: { namespace: 'acme', pool: 'web', ...firstConfig, configuredBy: 'admin' },
      },
    ]);

    // Straight after the first write: the command reads the config from the pool's stream, not the list.
    const second = await configure('web', '--drain-timeout', '120', '--pin', 'ws1=none', '--json');
    expect(second.code).toBe(ExitCode.ok);
    const { targets: _, ...kept } = firstConfig;
    expect(PoolView.parse(JSON.parse(second.stdout)).config).toEqual({
      ...kept,
      drainTimeoutSeconds: 120,
      targets: { ws2: { extraConfig: { region: 'eu' } } },
    });

    await listedPool('web', (view) => view.config?.drainTimeoutSeconds === 120);
    const table = await cli('pools', '--namespace', 'acme');
    expect(table.stdout).toMatch(/^web +no +120 s +yes +- +- +no$/m);
    const again = await configure('web', '--drain-timeout', '120');
    expect(again.stdout).toMatch(/^pool web \(namespace acme\): unchanged\n/);
    expect(await poolEvents('web')).toHaveLength(2);
  });

  it('refuses a first config without the required settings, or bad flags, with one line (exit 2)', async () => {
    const cases: [string[], string][] = [
      [
        ['--auto-upgrade'],
        '--drain-on-upgrade or --no-drain-on-upgrade, --drain-timeout: the pool is not configured yet, so give them too',
      ],
      [[], 'give at least one setting to change (see --help)'],
      [['--drain-timeout', '0'], '--drain-timeout: must be at least 1 second'],
      [['--pin', 's1'], '--pin: must be <target>=<version|none>, e.g. s1=3'],
      [['--strategy', 'rolling', '--canary-count', '2'], '--canary-count: only go with --strategy canary'],
      [
        ['--failure-threshold', '0%'],
        '--failure-threshold: must be a count of failed targets (1 or more) or a share of them (e.g. 25%, above 0 up to 100%)',
      ],
    ];
    for (const [flags, message] of cases) {
      expect(await configure('new', ...flags)).toMatchObject({
        code: ExitCode.usage,
        stdout: '',
        stderr: `rollcall: ${message}\n`,
      });
    }
    expect(await poolEvents('new')).toEqual([]);
  });

  it('exits 1 quoting the api when it refuses the write (no operator token)', async () => {
    const run = await runCaptured(
      [
        'pools',
        'configure',
        'other',
        '--namespace',
        'acme',
        '--drain-on-upgrade',
        '--drain-timeout',
        '5',
        '--no-auto-upgrade',
      ],
      { env: { ROLLCALL_API_URL: api.url } },
    );
    expect(run.code).toBe(ExitCode.failure);
    expect(run.stderr).toMatch(/^rollcall: PUT \/v1\/namespaces\/acme\/pools\/other\/config answered 401: /);
    expect(await poolEvents('other')).toEqual([]);
  });
});
