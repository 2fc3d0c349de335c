import { DEMO_NAMESPACE, DEMO_POOL, runDemo } from '@rollcall/infra/demo';
import type { ServiceHttp } from '@rollcall/service-kit';
import { eventually, useTestDatabase, useTestNats } from '@rollcall/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApi } from './testing/build-test-api';
import { SERVERS, useUpgraderStack } from './testing/use-upgrader-stack';

// The demo of `./dev up` against the services in-process (registry, drainer, upgrader with its auto-upgrade
// trigger, the api listening on a free port) and three local launchers running real example runners: it
// places version 1 on the three servers, publishes 2, and follows the automatic rollout to its end, through
// the HTTP API and the launcher subjects only. A second run on the same log goes on from there (2 to 3),
// starting the rollout itself when auto-upgrade is switched off.

const database = useTestDatabase();
const nats = useTestNats();
const stack = useUpgraderStack(database, nats, DEMO_NAMESPACE);
const TOKEN = 'demo-e2e-admin-token-0123456789';

let api: ServiceHttp;
let apiUrl: string;

// The stack stops its upgraders after each test.
beforeEach(() => {
  stack.startUpgrader();
});

beforeAll(async () => {
  api = buildTestApi(database, nats, { adminToken: TOKEN });
  apiUrl = await api.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => api.close());

async function demo(): Promise<string[]> {
  const lines: string[] = [];
  await runDemo({
    apiUrl,
    adminToken: TOKEN,
    nc: nats.nc,
    prefix: nats.prefix,
    say: (line) => lines.push(line),
    signal: AbortSignal.timeout(60_000),
    timings: { pauseBeforeUpgradeMs: 0, healthyWindowSeconds: 1, pollMs: 100, autoRolloutWaitMs: 2000 },
  });
  return lines;
}

/** Once the drained runners have stopped (a target is done when its old runners' drain is recorded). */
async function expectServing(version: number): Promise<void> {
  for (const serverId of SERVERS) {
    const only = await eventually(
      async () => {
        const serving = await stack.servingOn(DEMO_POOL, serverId);
        return serving.running.length === 1 ? serving : undefined;
      },
      { what: `one runner left on ${serverId}` },
    );
    expect(only).toEqual({ active: [version], running: [version] });
  }
}

describe('the demo', () => {
  it('places version 1 on three servers, then rolls them to version 2 by auto-upgrade, saying each step', async () => {
    const lines = await demo();

    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^operator token for namespace demo \(demo-operator-\d{8}T\d{6}\): \S+$/),
        'published web version 1 (example-runner:web-v1)',
        expect.stringMatching(/^version 1 serving at [\d.]+ s: \S+, \S+, \S+$/),
        'published web version 2 (example-runner:web-v2)',
        expect.stringMatching(/^rollout \S+ to version 2 started by rollcall:auto-upgrade$/),
        ...SERVERS.map((serverId) =>
          expect.stringMatching(new RegExp(`^${serverId}: done, version 2 serving`)),
        ),
        expect.stringMatching(/^rollout \S+ to version 2 completed \(3 done\) at [\d.]+ s$/),
      ]),
    );
    // One server at a time: each finishes before the next starts.
    const moves = lines.flatMap((line) => /^server-.: (starting|done)/.exec(line)?.[0] ?? []);
    expect(moves).toEqual(SERVERS.flatMap((serverId) => [`${serverId}: starting`, `${serverId}: done`]));
    await expectServing(2);
  });

  it('goes on from the latest version when run again, and starts the rollout itself with auto-upgrade off', async () => {
    // The first run's fleet stands for an earlier `./dev up` whose runners stopped with it.
    for (const serverId of SERVERS) {
      const launcher = stack.launcher(serverId);
      await Promise.all(launcher.processes.list().map(({ runnerId }) => launcher.processes.stop(runnerId)));
      await Promise.all(launcher.processes.list().map(({ runnerId }) => launcher.processes.exited(runnerId)));
    }
    const switchedOff = await fetch(`${apiUrl}/v1/auto-upgrade`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    });
    expect(switchedOff.status).toBe(200);
    const lines = await demo();

    expect(lines).not.toContain('published web version 2 (example-runner:web-v2)');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^version 2 serving at /),
        'published web version 3 (example-runner:web-v3)',
        expect.stringMatching(/^no automatic rollout within 2 s: started rollout \S+ through the API$/),
        expect.stringMatching(/^rollout \S+ to version 3 completed \(3 done\)/),
      ]),
    );
    await expectServing(3);
  });
});
