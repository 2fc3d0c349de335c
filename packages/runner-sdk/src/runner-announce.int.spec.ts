import { useTestNats } from '@rollcall/testkit';
import { describe, expect, it } from 'vitest';
import { createRunner } from './create-runner';
import { InvalidRunnerOptionsError } from './invalid-runner-options-error';
import { useWireRecorder } from './testing/wire-recorder';

// What a runner puts on the wire, read back by a raw subscriber with the contract's schemas: the same
// bytes a Rollcall written in any language would see.

const nats = useTestNats();
const wire = useWireRecorder(nats, 'acme');

describe('a runner that starts, works and closes', () => {
  it('publishes a valid connected, heartbeats with its session count, and a valid disconnected', async () => {
    const runner = createRunner({
      nc: nats.nc,
      prefix: nats.prefix,
      namespace: 'acme',
      pool: 'web',
      version: 42,
      build: '2026.01.31-a1b2c3d',
      serverId: 'host-1',
      runnerId: 'web-announce',
      slots: 4,
      labels: { workspace: 'acme' },
      heartbeatIntervalMs: 50,
    });
    const open = runner.openSession();
    await runner.start();

    const { message: connected } = await wire.until(
      (m) => m.kind === 'connected' && m.payload.runnerId === 'web-announce',
    );
    expect(connected).toMatchObject({
      msgId: runner.msgIds.connected,
      payload: {
        runnerId: 'web-announce',
        pool: 'web',
        version: 42,
        build: '2026.01.31-a1b2c3d',
        serverId: 'host-1',
        slots: 4,
        labels: { workspace: 'acme' },
      },
    });
    await wire.until(
      (m) =>
        m.kind === 'heartbeat' && m.payload.runnerId === 'web-announce' && m.payload.activeSessions === 1,
      { what: 'a heartbeat with the session opened before start' },
    );
    await runner.session(async () => {
      expect(runner.activeSessions).toBe(2);
      await wire.until((m) => m.kind === 'heartbeat' && m.payload.activeSessions === 2, {
        what: 'a heartbeat counting both sessions',
      });
    });
    open.end();
    await wire.until((m) => m.kind === 'heartbeat' && m.payload.activeSessions === 0, {
      what: 'a heartbeat after both sessions ended',
    });

    const notice = await runner.close('SIGTERM');
    expect(notice).toEqual({ reason: 'SIGTERM', forced: false, origin: 'process' });
    expect(runner.status).toBe('stopped');
    const { message: disconnected } = await wire.until((m) => m.kind === 'disconnected');
    expect(disconnected).toEqual({
      kind: 'disconnected',
      payload: { runnerId: 'web-announce', reason: 'SIGTERM' },
      msgId: runner.msgIds.disconnected,
    });

    const heartbeatIds = wire.messages.flatMap((m) => (m.kind === 'heartbeat' ? [m.msgId] : []));
    expect(new Set(heartbeatIds).size).toBe(heartbeatIds.length);
    expect(heartbeatIds.every((id) => id?.startsWith(`web-announce.${runner.incarnation}.hb.`))).toBe(true);
  });

  it('connects by URL when given one, and gives every runner object its own incarnation', async () => {
    const options = { natsUrl: nats.url, prefix: nats.prefix, namespace: 'acme', pool: 'web', version: 1 };
    const first = createRunner({ ...options, serverId: 'host-2' });
    const second = createRunner({ ...options, serverId: 'host-2', runnerId: first.runnerId });
    expect(first.runnerId).toMatch(/^web-[0-9a-f]{12}$/);
    expect(second.msgIds.connected).not.toBe(first.msgIds.connected);

    await first.start();
    await wire.until((m) => m.kind === 'connected' && m.msgId === first.msgIds.connected);
    await first.close();
    await wire.until((m) => m.kind === 'disconnected' && m.msgId === first.msgIds.disconnected);
  });

  it('refuses options that break the contract, naming the field, before anything is sent', () => {
    const attempt = () =>
      createRunner({
        nc: nats.nc,
        namespace: 'acme',
        pool: 'web',
        version: 0,
        serverId: 'host 1',
      });
    expect(attempt).toThrow(InvalidRunnerOptionsError);
    expect(attempt).toThrow(/version: .*serverId: /);
  });
});
