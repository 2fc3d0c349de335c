import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, isPortFree } from './free-port';
import { InfraError } from './infra-error';
import { assertPortsFree, startServices, stopServices } from './start-services';
import { waitUntil } from './wait-until';

const root = fileURLToPath(new URL('../..', import.meta.url));
const entry = () => 'infra/src/testing/stub-service.ts';

function collect() {
  const lines: string[] = [];
  return { lines, print: (source: string, line: string) => lines.push(`${source}: ${line}`) };
}

const options = (env: NodeJS.ProcessEnv, print: (source: string, line: string) => void) => ({
  root,
  entry,
  print,
  env: { ...process.env, NATS_URL: 'nats://example:4222', ...env },
  readyTimeoutMs: 20_000,
  stopGraceMs: 5_000,
});

describe('startServices', () => {
  it('starts each service on its own port, waits until it is ready, and stops it with SIGTERM', async () => {
    const { lines, print } = collect();
    const specs = [
      { name: 'alpha', port: await freePort() },
      { name: 'beta', port: await freePort() },
    ];
    const running = await startServices(specs, options({}, print));

    for (const { port } of specs) {
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    }
    await stopServices(running, 5_000);
    expect(await Promise.all(running.map((s) => s.exited))).toEqual(['exit code 0', 'exit code 0']);
    const alpha = lines.filter((l) => l.startsWith('alpha: '));
    expect(alpha.some((l) => l.includes(`listening on ${specs[0]?.port}`))).toBe(true);
    expect(alpha.at(-1)).toContain('"msg":"stopping"');
    expect(lines.some((l) => l.startsWith('beta: ') && l.includes('NATS_URL=nats://example:4222'))).toBe(
      true,
    );
  });

  it('runs several processes of one service, each with its own environment', async () => {
    const { lines, print } = collect();
    const specs = ['one', 'two'].map(async (name) => ({
      name: `stub-${name}`,
      service: 'stub',
      port: await freePort(),
      env: { STUB_NAME: name },
    }));
    const running = await startServices(await Promise.all(specs), {
      ...options({ STUB_NAME: 'everyone' }, print),
      entry: (service) => `infra/src/testing/${service}-service.ts`,
    });
    await stopServices(running, 5_000);

    expect(lines.some((l) => l.startsWith('stub-one: ') && l.includes('STUB_NAME=one'))).toBe(true);
    expect(lines.some((l) => l.startsWith('stub-two: ') && l.includes('STUB_NAME=two'))).toBe(true);
  });

  it('stops what a service left behind in its process group', async () => {
    const { lines, print } = collect();
    const running = await startServices(
      [{ name: 'epsilon', port: await freePort() }],
      options({ STUB_MODE: 'leave-child' }, print),
    );
    const pid = Number(/left child (\d+)/.exec(lines.join('\n'))?.[1]);
    expect(await isAlive(pid)).toBe(true);

    await stopServices(running, 5_000);
    await waitUntil(`left child ${pid} to be gone`, async () => !(await isAlive(pid)), { timeoutMs: 5_000 });
  });

  it('fails naming the service that exits before it is ready, quoting its last lines', async () => {
    const { print } = collect();
    const start = startServices(
      [{ name: 'gamma', port: await freePort() }],
      options({ STUB_MODE: 'crash' }, print),
    );
    await expect(start).rejects.toThrow(InfraError);
    await expect(start).rejects.toThrow(
      /gamma exited \(exit code 1\) before it was ready[\s\S]*no configuration/,
    );
  });

  it('fails naming the service that never answers 200 on /readyz, and stops it', async () => {
    const { print } = collect();
    const port = await freePort();
    const start = startServices([{ name: 'delta', port }], {
      ...options({ STUB_MODE: 'never-ready' }, print),
      readyTimeoutMs: 3_000,
    });
    await expect(start).rejects.toThrow(
      /waiting for delta to answer 200 on http:\/\/127\.0\.0\.1:\d+\/readyz/,
    );
    expect(await isPortFree(port)).toBe(true);
  });
});

/** Running, or stopped; a killed process not yet reaped by its new parent (a zombie) is gone. */
async function isAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  return stat !== null && !/^\d+ \(.*\) Z/.test(stat);
}

describe('assertPortsFree', () => {
  let taken: Server;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it('names the port and the service that wanted it', async () => {
    await expect(assertPortsFree([{ name: 'api', port }])).rejects.toThrow(
      `port ${port} (api) is already in use: stop what listens there, or set PORT to another port`,
    );
  });

  it('passes when every port is free', async () => {
    await expect(assertPortsFree([{ name: 'registry', port: await freePort() }])).resolves.toBeUndefined();
  });
});
