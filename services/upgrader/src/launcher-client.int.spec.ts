import { launcherSubject } from '@rollcall/contracts';
import { useTestNats } from '@rollcall/testkit';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { launcherClient } from './launcher-client';
import { upgraderMetrics } from './upgrader-metrics';

const nats = useTestNats();
const request = { pool: 'web', version: 2, artifact: 'example-runner:web-2', forceRefresh: false };

function client(registry = new Registry()) {
  return launcherClient({
    nc: nats.nc,
    prefix: nats.prefix,
    metrics: upgraderMetrics(registry),
    startTimeoutMs: 200,
    requestTimeoutMs: 200,
  });
}

describe('the launcher client', () => {
  it('answers start_failed naming the server when no launcher serves it, and status null', async () => {
    const registry = new Registry();
    const launchers = client(registry);
    expect(await launchers.start('acme', 'server-x', request)).toEqual({
      ok: false,
      error: { class: 'start_failed', message: 'no launcher serves server server-x' },
    });
    expect(await launchers.status('acme', 'server-x')).toBeNull();
    const seconds = await registry.getSingleMetric('rollcall_upgrader_launcher_request_seconds')?.get();
    expect(seconds?.values).toContainEqual(
      expect.objectContaining({
        labels: expect.objectContaining({ kind: 'start', outcome: 'no_responders' }),
      }),
    );
  });

  it('answers start_failed saying the launcher did not answer in time when it is too slow', async () => {
    const subscription = nats.nc.subscribe(launcherSubject(nats.prefix, 'acme', 'server-slow', 'start'), {
      callback: () => {
        // Never answers: the request times out.
      },
    });
    await nats.nc.flush();
    const reply = await client().start('acme', 'server-slow', request);
    subscription.unsubscribe();
    expect(reply).toEqual({
      ok: false,
      error: {
        class: 'start_failed',
        message: expect.stringMatching(
          /^the launcher of server server-slow did not answer the start in time/,
        ),
      },
    });
  });

  it("passes a launcher's own refusal through as it is", async () => {
    const subscription = nats.nc.subscribe(launcherSubject(nats.prefix, 'acme', 'server-full', 'start'), {
      callback: (_error, message) => {
        message.respond(JSON.stringify({ ok: false, error: { class: 'no_capacity', message: 'full' } }));
      },
    });
    await nats.nc.flush();
    expect(await client().start('acme', 'server-full', request)).toEqual({
      ok: false,
      error: { class: 'no_capacity', message: 'full' },
    });
    subscription.unsubscribe();
  });
});
