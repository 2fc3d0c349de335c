import { RolloutListReply, RolloutView } from '@rollcall/contracts';
import type { RolloutCommand } from '@rollcall/domain';
import { handleRolloutCommand } from '@rollcall/rollout-commands';
import { seedPool } from '@rollcall/rollout-commands/testing';
import { eventually, useTestDatabase, useTestNats } from '@rollcall/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../exit-code';
import { runCaptured, startCaptured } from '../testing/run-captured';
import { API_PROCESS_TOKEN, type ApiProcess, startApiProcess } from '../testing/start-api-process';

const database = useTestDatabase();
const nats = useTestNats();

let api: ApiProcess;

const env = () => ({ ROLLCALL_API_URL: api.url, ROLLCALL_TOKEN: API_PROCESS_TOKEN });
const cli = (...argv: string[]) => runCaptured(argv, { env: env() });
const ns = ['--namespace', 'acme'];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** Carries a target through every step the upgrader would record, up to `done`. */
async function moveTarget(rolloutId: string, targetId: string): Promise<void> {
  const ref = { namespace: 'acme', rolloutId, targetId };
  const metadata = { now: new Date(), actor: 'rollcall:upgrader' };
  const steps: RolloutCommand[] = [
    {
      type: 'RecordTargetBackedUp',
      data: { ...ref, previousVersion: 1, previousConfig: {}, oldRunnerIds: [`old-${targetId}`] },
      metadata,
    },
    { type: 'RequestTargetStart', data: { ...ref, forceRefresh: false }, metadata },
    { type: 'RecordTargetStarted', data: { ...ref, attempt: 1, runnerIds: [`new-${targetId}`] }, metadata },
    { type: 'RecordTargetHealthy', data: ref, metadata },
    { type: 'RecordOldDrained', data: ref, metadata },
    { type: 'CompleteTarget', data: ref, metadata },
  ];
  for (const step of steps) await handleRolloutCommand(database.db, step);
}

beforeAll(async () => {
  api = await startApiProcess({ databaseUrl: database.url, natsUrl: nats.url, prefix: nats.prefix });
}, 60_000);
afterAll(async () => {
  await api?.stop();
});

describe('rollcall rollout', () => {
  it('starts a rollout, refuses a second, lists it, shows it and steers it over the api', async () => {
    await seedPool(database.db, 'acme', 'web');
    const started = await cli(
      'rollout',
      'start',
      'web',
      ...ns,
      '--version',
      '2',
      '--strategy',
      'rolling',
      '--batch-size',
      '2',
    );
    expect(started.stderr).toBe('');
    expect(started.code).toBe(ExitCode.ok);
    expect(started.stdout).toMatch(
      /^rollout \S+ started: web -> v2, rolling \(batch 2, max unavailable 2\), 3 targets\n/,
    );
    expect(started.stdout).toMatch(/^s1 +pending +v1/m);
    const rolloutId = UUID.exec(started.stdout)?.[0] ?? '';

    const second = await cli('rollout', 'start', 'web', ...ns, '--version', '1', '--strategy', 'all-at-once');
    expect(second.code).toBe(ExitCode.failure);
    expect(second.stderr).toContain('answered 409');
    expect(second.stderr).toContain(`rollout ${rolloutId}`);

    const listed = await cli('rollout', 'list', ...ns, '--json');
    expect(
      RolloutListReply.parse(JSON.parse(listed.stdout)).rollouts.map((rollout) => rollout.rolloutId),
    ).toContain(rolloutId);
    expect((await cli('rollout', 'list', ...ns, '--pool', 'web')).stdout).toMatch(
      new RegExp(`^${rolloutId} +web +v2 +rolling +running +0/3 +admin`, 'm'),
    );

    const status = await cli('rollout', 'status', rolloutId, ...ns);
    expect(status.stdout).toContain(
      `rollout ${rolloutId}\n  web -> v2 (b2), rolling (batch 2, max unavailable 2)`,
    );
    expect(status.stdout).toMatch(/running +\[-{20}\] 0\/3 at rest/);
    const json = await cli('rollout', 'status', rolloutId, ...ns, '--json');
    expect(RolloutView.parse(JSON.parse(json.stdout))).toMatchObject({ rolloutId, status: 'running' });

    expect((await cli('rollout', 'pause', rolloutId, ...ns)).stdout).toBe(
      `rollout ${rolloutId} (web -> v2): paused, 0/3 targets at rest\n`,
    );
    const approve = await cli('rollout', 'approve', rolloutId, ...ns);
    expect(approve.code).toBe(ExitCode.failure);
    expect(approve.stderr).toContain('it has no canary gate');
    const aborted = await cli('rollout', 'abort', rolloutId, ...ns, '--reason', 'wrong version', '--json');
    expect(RolloutView.parse(JSON.parse(aborted.stdout))).toMatchObject({ outcome: 'aborted' });
  });

  it('says what is wrong with a bad command line (exit 2) or a refused start (exit 1), starting nothing', async () => {
    await seedPool(database.db, 'acme', 'bad');
    const start = (...argv: string[]) => cli('rollout', 'start', 'bad', ...ns, ...argv);
    expect(await start('--version', '0', '--strategy', 'rolling')).toMatchObject({
      code: ExitCode.usage,
      stderr: 'rollcall: --version: must be an integer from 1 to 2147483647\n',
    });
    expect(await start('--version', '2', '--strategy', 'big-bang')).toMatchObject({
      code: ExitCode.usage,
      stderr: 'rollcall: --strategy: must be rolling, canary or all-at-once\n',
    });
    expect(await start('--version', '2', '--batch-size', '2')).toMatchObject({
      code: ExitCode.usage,
      stderr: 'rollcall: --batch-size: give --strategy too\n',
    });
    const unknownTarget = await start(
      '--version',
      '2',
      '--strategy',
      'all-at-once',
      '--target',
      's1',
      'mars',
    );
    expect(unknownTarget.code).toBe(ExitCode.failure);
    expect(unknownTarget.stderr).toContain('answered 404: target mars is not a server pool bad runs on');
    const unpublished = await start('--version', '9', '--strategy', 'all-at-once');
    expect(unpublished.stderr).toContain('version 9 is not published');
    const noStrategy = await start('--version', '2');
    expect(noStrategy.stderr).toContain('answered 400: strategy: required');
    const listed = await cli('rollout', 'list', ...ns, '--pool', 'bad');
    expect(listed.stdout).toBe('no rollouts in namespace acme\n');
  });

  it('follows a rollout with --wait until it completes, a line per target change', async () => {
    await seedPool(database.db, 'acme', 'wait');
    const running = startCaptured(
      ['rollout', 'start', 'wait', ...ns, '--version', '2', '--strategy', 'all-at-once', '--wait'],
      { env: env() },
    );
    const rolloutId = await eventually(async () => UUID.exec(running.stdout())?.[0], {
      what: 'the rollout to start',
    });
    for (const targetId of ['s1', 's2', 's3']) await moveTarget(rolloutId, targetId);
    const { code, stdout, stderr } = await running.done;
    expect(stderr).toBe('');
    expect(code).toBe(ExitCode.ok);
    expect(stdout).toContain(
      `rollout ${rolloutId} (wait -> v2): running, 0/3 targets at rest\n  s1: pending\n`,
    );
    expect(stdout).toContain(`rollout ${rolloutId} (wait -> v2): completed, 3/3 targets at rest\n`);
    expect(stdout).toContain('  s3: done\n');
  });

  it('watches a rollout that is aborted, and exits 1 saying how it ended', async () => {
    await seedPool(database.db, 'acme', 'watch');
    const started = await cli(
      'rollout',
      'start',
      'watch',
      ...ns,
      '--version',
      '2',
      '--strategy',
      'all-at-once',
      '--json',
    );
    const { rolloutId } = RolloutView.parse(JSON.parse(started.stdout));
    const watching = startCaptured(['rollout', 'status', rolloutId, ...ns, '--watch'], { env: env() });
    await eventually(async () => (watching.stdout().includes('s1: pending') ? true : undefined));
    await moveTarget(rolloutId, 's1');
    await cli('rollout', 'abort', rolloutId, ...ns);
    const { code, stdout, stderr } = await watching.done;
    expect(code).toBe(ExitCode.failure);
    expect(stdout).toContain('  s1: done\n');
    expect(stdout).toContain('  s2: skipped (the rollout was aborted before this target began)\n');
    expect(stderr).toContain(`rollout ${rolloutId} ended aborted`);
  });
});
