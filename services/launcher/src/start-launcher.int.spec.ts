import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Msg } from '@nats-io/nats-core';
import { ErrorReply, request } from '@rollcall/bus';
import {
  LauncherStartReply,
  LauncherStartRequest,
  LauncherStatusReply,
  LauncherStatusRequest,
  LauncherStopRequest,
  launcherSubject,
} from '@rollcall/contracts';
import { eventually, useTestNats } from '@rollcall/testkit';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { artifactDigest } from './artifact-digest';
import { ArtifactManifest } from './artifact-manifest';
import { launcherMetrics } from './launcher-metrics';
import { LauncherStopReply } from './launcher-stop-reply';
import { RunnerProcessStatus } from './runner-processes';
import { type Launcher, startLauncher } from './start-launcher';

const nats = useTestNats();
const NAMESPACE = 'acme';
const SERVER_ID = 'server-1';
const ARTIFACT = 'example-runner:web';

// The status reply as this launcher gives it: the contract's fields and its own.
const LocalStatusReply = z.object({
  serverId: z.string(),
  runners: z.array(RunnerProcessStatus),
  cache: z.array(ArtifactManifest),
});

const RunnerMessage = z.object({ runnerId: z.string() }).loose();

let stateDir: string;
let launcher: Launcher;
const stopping = new AbortController();
const runnerMessages: { kind: string; data: z.infer<typeof RunnerMessage> }[] = [];

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'rollcall-launcher-'));
  const subscription = nats.nc.subscribe(`${nats.prefix}.v1.${NAMESPACE}.runner.*`, {
    callback: (_error, m: Msg) => {
      const kind = m.subject.split('.').at(-1) ?? '';
      runnerMessages.push({ kind, data: RunnerMessage.parse(m.json()) });
    },
  });
  await nats.nc.flush();
  launcher = startLauncher({
    nc: nats.nc,
    natsUrl: nats.url,
    prefix: nats.prefix,
    namespace: NAMESPACE,
    serverId: SERVER_ID,
    stateDir,
    stopGraceMs: 5000,
    logger: pino({ level: 'silent' }),
    metrics: launcherMetrics(new Registry()),
    clock: () => new Date(),
    signal: stopping.signal,
  });
  stopping.signal.addEventListener('abort', () => subscription.unsubscribe());
  await nats.nc.flush();
});

afterAll(async () => {
  stopping.abort();
  await launcher?.stopped;
  if (stateDir !== undefined) await rm(stateDir, { recursive: true, force: true });
});

function start(payload: LauncherStartRequest) {
  return request(nats.nc, {
    subject: launcherSubject(nats.prefix, NAMESPACE, SERVER_ID, 'start'),
    requestSchema: LauncherStartRequest,
    replySchema: LauncherStartReply,
    payload,
    timeoutMs: 10_000,
  });
}

function stop(runnerId: string) {
  return request(nats.nc, {
    subject: launcherSubject(nats.prefix, NAMESPACE, SERVER_ID, 'stop'),
    requestSchema: LauncherStopRequest,
    replySchema: LauncherStopReply,
    payload: { runnerId },
  });
}

async function status() {
  const reply = await request(nats.nc, {
    subject: launcherSubject(nats.prefix, NAMESPACE, SERVER_ID, 'status'),
    requestSchema: LauncherStatusRequest,
    replySchema: LocalStatusReply,
    payload: {},
  });
  return reply;
}

function runnerMessage(kind: string, runnerId: string) {
  return eventually(
    async () => runnerMessages.find((message) => message.kind === kind && message.data.runnerId === runnerId),
    { what: `${kind} from ${runnerId}` },
  );
}

function exitedRunner(runnerId: string) {
  return eventually(
    async () =>
      (await status()).runners.find((runner) => runner.runnerId === runnerId && runner.state === 'exited'),
    { what: `${runnerId} to exit` },
  );
}

/** Sends raw JSON, past the request helper's own validation, as a caller in another language might. */
async function rawStart(payload: unknown) {
  const reply = await nats.nc.request(
    launcherSubject(nats.prefix, NAMESPACE, SERVER_ID, 'start'),
    JSON.stringify(payload),
    { timeout: 5000 },
  );
  return ErrorReply.parse(reply.json());
}

const base = { pool: 'web', artifact: ARTIFACT, forceRefresh: false } as const;

describe('the local launcher', () => {
  it('starts an example runner that registers, lists it, and stops it gracefully', async () => {
    const reply = await start({
      ...base,
      version: 1,
      digest: artifactDigest(ARTIFACT),
      config: { labels: { workspace: 'acme' }, sessionRate: 0, somethingElse: 'ignored' },
    });
    if (!reply.ok) throw new Error(`start failed: ${reply.error.message}`);
    const { runnerId } = reply;

    const connected = await runnerMessage('connected', runnerId);
    expect(connected.data).toMatchObject({
      pool: 'web',
      version: 1,
      serverId: SERVER_ID,
      labels: { workspace: 'acme' },
    });

    const listed = await status();
    expect(LauncherStatusReply.safeParse(listed).success).toBe(true);
    expect(listed.runners).toContainEqual(
      expect.objectContaining({
        runnerId,
        pool: 'web',
        version: 1,
        state: 'running',
        pid: expect.any(Number),
        config: { labels: { workspace: 'acme' }, sessionRate: 0, somethingElse: 'ignored' },
      }),
    );
    expect(listed.cache).toContainEqual(
      expect.objectContaining({
        pool: 'web',
        version: 1,
        artifact: ARTIFACT,
        digest: artifactDigest(ARTIFACT),
      }),
    );

    expect(await stop(runnerId)).toEqual({ ok: true, runnerId, state: 'stopping' });
    await runnerMessage('disconnected', runnerId);
    expect(await exitedRunner(runnerId)).toMatchObject({ exitCode: 0, exitSignal: null });
    expect(await stop(runnerId)).toEqual({ ok: true, runnerId, state: 'exited' });
    expect(await stop('never-started')).toEqual({ ok: true, runnerId: 'never-started', state: 'unknown' });
  });

  it('refuses a corrupt or stale cache entry until a forced refresh rewrites it', async () => {
    const failStart = { failStart: true };
    // A start that fails after the fetch still leaves the entry in the cache.
    expect(await start({ ...base, version: 2, config: failStart })).toMatchObject({ ok: false });
    const entry = launcher.cache.entryPath('web', 2);
    const good = await readFile(entry, 'utf8');

    await writeFile(entry, '{"pool": "web", "vers');
    expect(await start({ ...base, version: 2 })).toEqual({
      ok: false,
      error: { class: 'artifact_invalid', message: expect.stringContaining('is not JSON') },
    });

    await writeFile(entry, good.replace(ARTIFACT, 'example-runner:old'));
    expect(await start({ ...base, version: 2 })).toEqual({
      ok: false,
      error: { class: 'artifact_invalid', message: expect.stringContaining('does not match its artifact') },
    });

    const stale = { ...ArtifactManifest.parse(JSON.parse(good)), artifact: 'example-runner:old' };
    await writeFile(entry, JSON.stringify({ ...stale, digest: artifactDigest(stale.artifact) }));
    expect(await start({ ...base, version: 2 })).toEqual({
      ok: false,
      error: { class: 'artifact_invalid', message: expect.stringContaining('is stale') },
    });

    const reply = await start({ ...base, version: 2, forceRefresh: true });
    if (!reply.ok) throw new Error(`forced start failed: ${reply.error.message}`);
    expect(ArtifactManifest.parse(JSON.parse(await readFile(entry, 'utf8')))).toMatchObject({
      artifact: ARTIFACT,
      digest: artifactDigest(ARTIFACT),
    });
    await runnerMessage('connected', reply.runnerId);
    await stop(reply.runnerId);
    await exitedRunner(reply.runnerId);
  });

  it('refuses an artifact whose digest is not the expected one, forced or not', async () => {
    const digest = artifactDigest('example-runner:something-else');
    for (const forceRefresh of [false, true]) {
      expect(await start({ ...base, version: 3, digest, forceRefresh })).toEqual({
        ok: false,
        error: { class: 'artifact_invalid', message: expect.stringContaining(`not the expected ${digest}`) },
      });
    }
  });

  it('answers artifact_unavailable for a scheme it cannot fetch', async () => {
    expect(await start({ ...base, version: 4, artifact: 'oci:registry.example/web:4' })).toEqual({
      ok: false,
      error: { class: 'artifact_unavailable', message: expect.stringContaining('scheme') },
    });
  });

  it('answers start_failed when the failStart test hook is set, and runs nothing', async () => {
    const before = (await status()).runners.length;
    expect(await start({ ...base, version: 5, config: { failStart: true } })).toEqual({
      ok: false,
      error: { class: 'start_failed', message: expect.stringContaining('failStart') },
    });
    expect((await status()).runners).toHaveLength(before);
  });

  it('answers bad_request naming the field for a request or config it cannot read', async () => {
    const badVersion = await rawStart({ ...base, version: 0 });
    expect(badVersion.error.class).toBe('bad_request');
    expect(badVersion.error.issues?.map((issue) => issue.path)).toEqual(['version']);

    const noForce = await rawStart({ pool: 'web', version: 1, artifact: ARTIFACT });
    expect(noForce.error.issues?.map((issue) => issue.path)).toEqual(['forceRefresh']);

    expect(await start({ ...base, version: 1, config: { sessionRate: 'fast' } })).toEqual({
      ok: false,
      error: { class: 'bad_request', message: expect.stringMatching(/^config\.sessionRate: /) },
    });
  });
});

describe('a runner that will not stop', () => {
  const serverId = 'server-stuck';
  const stoppingStuck = new AbortController();
  let stuckLauncher: Launcher;

  beforeAll(() => {
    stuckLauncher = startLauncher({
      nc: nats.nc,
      natsUrl: nats.url,
      prefix: nats.prefix,
      namespace: NAMESPACE,
      serverId,
      stateDir,
      stopGraceMs: 200,
      logger: pino({ level: 'silent' }),
      metrics: launcherMetrics(new Registry()),
      clock: () => new Date(),
      signal: stoppingStuck.signal,
    });
  });

  afterAll(async () => {
    stoppingStuck.abort();
    await stuckLauncher?.stopped;
  });

  it('is killed once the stop grace has passed, and shutdown waits for it', async () => {
    const reply = await request(nats.nc, {
      subject: launcherSubject(nats.prefix, NAMESPACE, serverId, 'start'),
      requestSchema: LauncherStartRequest,
      replySchema: LauncherStartReply,
      // Sessions that never end: SIGTERM alone would leave it waiting for them forever.
      payload: { ...base, version: 6, config: { sessionRate: 50, stuck: true, heartbeatMs: 100 } },
    });
    if (!reply.ok) throw new Error(`start failed: ${reply.error.message}`);
    const busy = await eventually(
      async () =>
        runnerMessages.find(
          ({ kind, data }) =>
            kind === 'heartbeat' && data.runnerId === reply.runnerId && Number(data.activeSessions) > 0,
        ),
      { what: 'a heartbeat with open sessions' },
    );
    expect(busy).toBeDefined();

    stoppingStuck.abort();
    await stuckLauncher.stopped;
    const [runner] = stuckLauncher.processes.list();
    expect(runner).toMatchObject({ runnerId: reply.runnerId, state: 'exited', exitSignal: 'SIGKILL' });
  });
});
