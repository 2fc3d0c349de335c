import { connect } from '@nats-io/transport-node';
import type { DrainCommand } from '@rollcall/contracts';
import { useTestNats } from '@rollcall/testkit';
import { describe, expect, it } from 'vitest';
import { createRunner } from './create-runner';
import { collectLogs } from './testing/collect-logs';
import { startObservedRunner } from './testing/observed-runner';
import { until } from './testing/until';
import { useWireRecorder, type WireMessage } from './testing/wire-recorder';

// Stop commands, graceful and forced, and the process's own close: what is published, and when, judged
// by the order of messages on the wire rather than by time.

const nats = useTestNats();
const namespace = 'acme';
const wire = useWireRecorder(nats, namespace);

const drain: DrainCommand = {
  reason: 'version_upgrade',
  supersededBy: 43,
  deadline: '2099-01-01T00:00:00.000Z',
};
const of = (runnerId: string, kind: WireMessage['kind']) => (m: WireMessage) =>
  m.kind === kind && m.payload.runnerId === runnerId;

describe('a stop after the drain went idle', () => {
  it('runs the stop hook, publishes disconnected and resolves stopped', async () => {
    const { runner, drains, stops, command } = await startObservedRunner(nats, {
      runnerId: 'web-idle',
      namespace,
    });
    await command('drain', drain, 'drain-1');
    await until(() => drains.length === 1, 'the drain hook');
    await command('stop', { reason: 'drain_complete', forced: false }, 'stop-1');

    expect(await runner.stopped).toEqual({ reason: 'drain_complete', forced: false, origin: 'rollcall' });
    expect(stops).toEqual([{ reason: 'drain_complete', forced: false, origin: 'rollcall' }]);
    expect(runner.status).toBe('stopped');
    const { message } = await wire.until(of('web-idle', 'disconnected'));
    expect(message).toEqual({
      kind: 'disconnected',
      payload: { runnerId: 'web-idle', reason: 'stopped by rollcall (drain_complete)' },
      msgId: runner.msgIds.disconnected,
    });
  });
});

describe('a graceful stop with a session still open', () => {
  it('publishes disconnected only after the last session ends', async () => {
    const { logger, lines } = collectLogs();
    const { runner, stops, command } = await startObservedRunner(nats, {
      runnerId: 'web-busy',
      namespace,
      logger,
    });
    const held = runner.openSession();
    await command('stop', { reason: 'operator', forced: false }, 'stop-1');
    await until(() => stops.length === 1, 'the stop hook');
    const waiting = await wire.until(
      (m) => m.kind === 'heartbeat' && m.payload.runnerId === 'web-busy' && m.payload.activeSessions === 1,
      {
        what: 'a heartbeat while stopping',
      },
    );
    // The repeat is handled after the stop hook returned: if the runner were not waiting, it would be gone.
    await command('stop', { reason: 'operator', forced: false }, 'stop-2');
    await until(() => lines.some((line) => line.msg === 'command ignored'), 'the repeat to be ignored');
    expect(runner.status).toBe('stopping');
    expect(held.signal.aborted).toBe(false);
    expect(wire.messages.some(of('web-busy', 'disconnected'))).toBe(false);

    held.end();
    const { index } = await wire.until(of('web-busy', 'disconnected'));
    expect(index).toBeGreaterThan(waiting.index);
    expect(await runner.stopped).toEqual({ reason: 'operator', forced: false, origin: 'rollcall' });
  });

  it('gives way to a forced stop that follows (the deadline passed)', async () => {
    const { runner, stops, command } = await startObservedRunner(nats, {
      runnerId: 'web-escalate',
      namespace,
    });
    const held = runner.openSession();
    await command('stop', { reason: 'operator', forced: false }, 'stop-1');
    await until(() => stops.length === 1, 'the stop hook');
    await command('stop', { reason: 'drain_deadline', forced: true }, 'stop-2');

    expect(await runner.stopped).toEqual({ reason: 'drain_deadline', forced: true, origin: 'rollcall' });
    expect(held.signal.aborted).toBe(true);
    expect(stops).toHaveLength(1);
    const { message } = await wire.until(of('web-escalate', 'disconnected'));
    expect(message.payload).toEqual({
      runnerId: 'web-escalate',
      reason: 'stopped by rollcall (drain_deadline, forced)',
    });
  });
});

describe('a forced stop', () => {
  it('aborts the open sessions and publishes disconnected without waiting for them', async () => {
    const { runner, stops, command } = await startObservedRunner(nats, { runnerId: 'web-forced', namespace });
    const stuck = runner.openSession();
    const aborted = new Promise((resolve) => stuck.signal.addEventListener('abort', resolve, { once: true }));
    await command('drain', drain, 'drain-1');
    await command('stop', { reason: 'drain_deadline', forced: true }, 'stop-1');

    expect(await runner.stopped).toEqual({ reason: 'drain_deadline', forced: true, origin: 'rollcall' });
    await aborted;
    expect(stuck.ended).toBe(false);
    expect(runner.activeSessions).toBe(1);
    expect(stops).toEqual([{ reason: 'drain_deadline', forced: true, origin: 'rollcall' }]);
    await wire.until(of('web-forced', 'disconnected'));
    stuck.end();
  });
});

describe('repeated stops', () => {
  it('stop once: one hook call, one disconnected', async () => {
    const { runner, stops, command } = await startObservedRunner(nats, { runnerId: 'web-twice', namespace });
    await command('stop', { reason: 'drain_complete', forced: false }, 'stop-1');
    await command('stop', { reason: 'drain_complete', forced: false }, 'stop-1');
    await command('stop', { reason: 'drain_complete', forced: false }, 'stop-1-resent-under-a-new-id');
    await runner.stopped;
    await command('stop', { reason: 'drain_complete', forced: false }, 'stop-after-stopped');
    await runner.close('and a close on top');

    expect(stops).toHaveLength(1);
    await wire.until(of('web-twice', 'disconnected'));
    expect(wire.messages.filter(of('web-twice', 'disconnected'))).toHaveLength(1);
  });
});

describe('the process closing itself', () => {
  it('forced: does not wait for its sessions, and publishes its own reason', async () => {
    const { runner, stops } = await startObservedRunner(nats, { runnerId: 'web-sigterm', namespace });
    const held = runner.openSession();
    expect(await runner.close('SIGTERM twice', { forced: true })).toEqual({
      reason: 'SIGTERM twice',
      forced: true,
      origin: 'process',
    });
    expect(held.signal.aborted).toBe(true);
    expect(stops).toEqual([{ reason: 'SIGTERM twice', forced: true, origin: 'process' }]);
    const { message } = await wire.until(of('web-sigterm', 'disconnected'));
    expect(message.payload).toEqual({ runnerId: 'web-sigterm', reason: 'SIGTERM twice' });
  });

  it('before start: stops without publishing anything, and cannot be started again', async () => {
    const runner = createRunner({
      nc: nats.nc,
      prefix: nats.prefix,
      namespace,
      pool: 'web',
      version: 1,
      serverId: 'host-1',
      runnerId: 'web-never',
    });
    expect(await runner.close()).toMatchObject({ origin: 'process' });
    await expect(runner.start()).rejects.toMatchObject({ name: 'RunnerStoppedError' });
  });
});

describe('a connection closed under the runner', () => {
  it('ends the runner: stopped resolves, its sessions are aborted', async () => {
    const nc = await connect({ servers: nats.url });
    const runner = createRunner({
      nc,
      prefix: nats.prefix,
      namespace,
      pool: 'web',
      version: 1,
      serverId: 'host-1',
      runnerId: 'web-orphan',
    });
    await runner.start();
    const held = runner.openSession();
    await nc.close();
    expect(await runner.stopped).toEqual({
      reason: 'NATS connection closed',
      forced: true,
      origin: 'connection',
    });
    expect(held.signal.aborted).toBe(true);
    expect(runner.status).toBe('stopped');
  });
});
