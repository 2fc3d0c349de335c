import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureNats, findNats } from './ensure-nats';
import { freePort } from './free-port';
import { InfraError } from './infra-error';
import { startNatsServer } from './nats-server';
import { natsServerBinary } from './nats-server-binary';
import { probeNats } from './probe-nats';
import { stopChild } from './stop-child';
import { waitUntil } from './wait-until';

async function streamNames(url: string): Promise<string[]> {
  const nc = await connect({ servers: url });
  try {
    const names: string[] = [];
    for await (const name of (await jetstreamManager(nc)).streams.names()) names.push(name);
    return names;
  } finally {
    await nc.drain();
  }
}

describe('the nats-server we start', () => {
  let stateDir: string;
  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'rc-infra-nats-'));
  });
  afterAll(() => rm(stateDir, { recursive: true, force: true }));

  it('runs with JetStream, is reused while running, and keeps its streams across restarts', async () => {
    const lines: string[] = [];
    const options = { env: { ROLLCALL_EMBEDDED: '1' }, stateDir, log: (l: string) => lines.push(l) };

    const first = await ensureNats(options);
    expect(first.source).toBe('spawned');
    expect(await probeNats(first.url)).toEqual({ ok: true });
    const nc = await connect({ servers: first.url });
    await (await jetstreamManager(nc)).streams.add({ name: 'kept', subjects: ['kept.>'] });
    await nc.drain();

    const second = await ensureNats(options);
    expect(second.url).toBe(first.url);
    expect(lines.at(-1)).toMatch(/^reusing the nats-server already running on port \d+$/);
    await second.stop();
    expect((await probeNats(first.url)).ok).toBe(true);

    await first.stop();
    expect(await probeNats(first.url, 500)).toMatchObject({ ok: false, reason: 'unreachable' });

    const third = await startNatsServer({ stateDir });
    try {
      expect(await streamNames(third.url)).toContain('kept');
    } finally {
      await third.stop();
    }
  });
});

describe('findNats', () => {
  it('uses NATS_URL when it answers with JetStream', async () => {
    const url = inject('natsUrl');
    expect(await findNats({ env: { NATS_URL: url } })).toMatchObject({ url, source: 'env' });
  });

  it('fails naming NATS_URL when nothing answers there', async () => {
    const url = `nats://127.0.0.1:${await freePort()}`;
    const found = findNats({ env: { NATS_URL: url }, connectTimeoutMs: 500 });
    await expect(found).rejects.toThrow(InfraError);
    await expect(found).rejects.toThrow(`NATS_URL (${url}) does not answer`);
  });

  it('fails naming NATS_URL when the server there has no JetStream', async () => {
    const port = await freePort();
    const plain = spawn(await natsServerBinary(() => {}), ['-a', '127.0.0.1', '-p', String(port)], {
      stdio: 'ignore',
    });
    try {
      const url = `nats://127.0.0.1:${port}`;
      await waitUntil(
        `the plain nats-server on port ${port} to answer`,
        async () => {
          const probe = await probeNats(url, 500);
          return !probe.ok && probe.reason === 'no-jetstream';
        },
        { timeoutMs: 10_000 },
      );
      await expect(findNats({ env: { NATS_URL: url } })).rejects.toThrow(
        `NATS_URL (${url}) answers but JetStream is not enabled (start nats-server with -js)`,
      );
    } finally {
      await stopChild(plain, 'plain nats-server', 5_000);
    }
  });
});
