import { describe, expect, it } from 'vitest';
import { ExitCode } from './exit-code';
import { runCaptured } from './testing/run-captured';

const db = ['--database-url', 'postgres://127.0.0.1:1/none'];

// Each of these fails validation before any connection is made.
describe('usage errors exit 2 with one line naming the field', () => {
  it.each([
    [['events', 'read', '--from', 'ten', ...db], '--from: must be a non-negative integer'],
    [['events', 'read', '--from', '5', '--to', '3', ...db], '--to: must not be below --from'],
    [['events', 'read'], '--database-url: is required (or set DATABASE_URL)'],
    [['events', 'read', '--database-url', 'http://x'], '--database-url: must be a postgres:// URL'],
    [['events', 'tail', '--from', '-1', ...db], '--from: must be a non-negative integer'],
    [['events', 'replay', '--from', '3', ...db], '--consumer: is required'],
    [['events', 'replay', '--consumer', 'read-models', ...db], '--from: is required'],
    [['projections', 'rebuild', 'workers', ...db], '<projection>: must be worker-map or read-models'],
    [['fleet', '--namespace', 'acme', '--at', 'last tuesday'], '--at: must be a log position'],
    [['fleet', '--at', '3'], '--namespace: is required'],
    [['workers', '--namespace', 'acme', '--status', 'gone'], '--status: '],
    [['workers', '--namespace', 'acme', '--api', 'ftp://x'], '--api: must be an http(s) URL'],
    [['workers', '--namespace', 'a.b'], '--namespace: must be 1 to 64 characters'],
    [['pools'], '--namespace: is required'],
    [['sim', '--pools', '2'], '--runners: is required'],
    [['sim', '--runners', '2', '--pools', '3'], '--pools: must not exceed the number of runners'],
    [['sim', '--runners', '2', '--pools', '1', '--versions', '2,1'], '--versions: must be ascending'],
    [['sim', '--runners', '2', '--pools', '1', '--versions', '1,0'], '--versions: must be an integer from 1'],
    [['sim', '--runners', '2', '--pools', '1', '--duration-s', '0'], '--duration-s: '],
    [['sim', '--runners', '2', '--pools', '1', '--heartbeat-ms', '5'], '--heartbeat-ms: '],
    [['sim', '--runners', '2', '--pools', '1', '--prefix', 'a..b'], '--prefix: '],
  ])('%j', async (argv, message) => {
    const run = await runCaptured(argv);
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`rollcall: ${message}`);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('reports an unknown option or command the same way', async () => {
    const option = await runCaptured(['events', 'read', '--frm', '1']);
    expect(option.code).toBe(ExitCode.usage);
    expect(option.stderr).toBe("rollcall: error: unknown option '--frm' (Did you mean --from?)\n");
    const command = await runCaptured(['fleat']);
    expect(command.code).toBe(ExitCode.usage);
    expect(command.stderr).toMatch(/^rollcall: error: unknown command 'fleat'/);
    const extra = await runCaptured(['workers', 'acme', '--namespace', 'acme']);
    expect(extra.code).toBe(ExitCode.usage);
  });

  it('reads defaults from the environment, validated the same way', async () => {
    const run = await runCaptured(['workers', '--namespace', 'acme'], { env: { ROLLCALL_API_URL: 'nope' } });
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).toContain('--api: must be an http(s) URL');
  });
});

describe('help', () => {
  it('exits 0 on --help and lists the command tree', async () => {
    const run = await runCaptured(['--help']);
    expect(run.code).toBe(ExitCode.ok);
    for (const command of ['events', 'projections', 'fleet', 'workers', 'pools', 'sim']) {
      expect(run.stdout).toContain(command);
    }
  });

  it('exits 2 when a command group is given no command', async () => {
    const run = await runCaptured(['events']);
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).toContain('read');
  });
});
