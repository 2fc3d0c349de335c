import type { DrainCommand } from '@rollcall/contracts';
import { useTestNats } from '@rollcall/testkit';
import type { Logger } from 'pino';
import { describe, expect, it } from 'vitest';
import { RunnerDrainingError } from './runner-draining-error';
import { collectLogs } from './testing/collect-logs';
import { startObservedRunner } from './testing/observed-runner';
import { until } from './testing/until';
import { useWireRecorder } from './testing/wire-recorder';

// Drain, undrain and their repeats, sent raw on the runner's command subjects as Rollcall's relay sends
// them. Each test waits for what the runner does in answer (a hook, a heartbeat), never for time.

const nats = useTestNats();
const namespace = 'acme';
const wire = useWireRecorder(nats, namespace);

const drain: DrainCommand = {
  reason: 'version_upgrade',
  supersededBy: 43,
  deadline: '2099-01-01T00:00:00.000Z',
};

function startedRunner(runnerId: string, logger?: Logger) {
  return startObservedRunner(nats, { runnerId, namespace, ...(logger === undefined ? {} : { logger }) });
}

describe('a drain', () => {
  it('refuses new sessions at once, and heartbeats the sessions going down', async () => {
    const { runner, drains, command } = await startedRunner('web-drain');
    const first = runner.openSession();
    const second = runner.openSession();
    const { index: start } = await wire.until(
      (m) => m.kind === 'heartbeat' && m.payload.runnerId === 'web-drain',
    );

    await command('drain', drain, 'drain-1');
    await until(() => drains.length === 1, 'the drain hook');
    expect(drains).toEqual([drain]);
    expect(runner.status).toBe('draining');
    expect(runner.drain).toEqual(drain);
    expect(runner.accepting).toBe(false);
    expect(() => runner.openSession()).toThrow(RunnerDrainingError);
    await expect(runner.session(() => 'never runs')).rejects.toMatchObject({
      name: 'RunnerDrainingError',
      runnerId: 'web-drain',
      status: 'draining',
    });

    first.end();
    const one = await wire.until(
      (m) => m.kind === 'heartbeat' && m.payload.runnerId === 'web-drain' && m.payload.activeSessions === 1,
      { from: start + 1, what: 'a heartbeat with one session left' },
    );
    second.end();
    await wire.until(
      (m) => m.kind === 'heartbeat' && m.payload.runnerId === 'web-drain' && m.payload.activeSessions === 0,
      { from: one.index + 1, what: 'a heartbeat with no session left' },
    );
    expect(runner.activeSessions).toBe(0);
    await runner.close();
  });

  it('repeated (same Nats-Msg-Id, or same content under another id) runs the hook once', async () => {
    const { logger, lines } = collectLogs();
    const { runner, drains, undrains, command } = await startedRunner('web-repeat', logger);
    await command('drain', drain, 'drain-a');
    await command('drain', drain, 'drain-a');
    await command('drain', drain, 'drain-b');
    await command('drain', { ...drain, deadline: '2099-01-01T01:00:00+01:00' }, 'drain-c');
    // Commands are applied in arrival order: once the undrain's hook ran, every drain before it was handled.
    await command('undrain', { reason: 'barrier' }, 'undrain-1');
    await until(() => undrains.length === 1, 'the undrain hook');

    expect(drains).toEqual([drain]);
    expect(runner.status).toBe('active');
    const ignored = lines.filter((line) => line.msg.includes('ignored')).map((line) => line.msg);
    expect(ignored).toEqual([
      'repeated command ignored (same Nats-Msg-Id)',
      'command ignored',
      'command ignored',
    ]);
    await runner.close();
  });
});

describe('an undrain', () => {
  it('re-opens a draining runner to new sessions, and is a no-op otherwise', async () => {
    const { runner, undrains, drains, command } = await startedRunner('web-undrain');
    await command('undrain', { reason: 'nothing to cancel' }, 'undrain-0');
    await command('drain', drain, 'drain-1');
    await until(() => drains.length === 1, 'the drain hook');
    expect(undrains).toEqual([]);
    expect(() => runner.openSession()).toThrow(RunnerDrainingError);

    await command('undrain', { reason: 'drain cancelled by alice@example.com' }, 'undrain-1');
    await until(() => undrains.length === 1, 'the undrain hook');
    expect(undrains).toEqual([{ reason: 'drain cancelled by alice@example.com' }]);
    expect(runner.status).toBe('active');
    expect(runner.drain).toBeNull();
    await runner.session(() => expect(runner.activeSessions).toBe(1));

    // Drained again after the undrain: a new drain (new id) is a new transition.
    await command('drain', drain, 'drain-2');
    await until(() => drains.length === 2, 'the second drain hook');
    await runner.close();
  });
});

describe('a drain for a runner already stopping', () => {
  it('is ignored: the runner keeps stopping', async () => {
    const { logger, lines } = collectLogs();
    const { runner, drains, stops, command } = await startedRunner('web-late-drain', logger);
    const held = runner.openSession();
    await command('stop', { reason: 'operator', forced: false }, 'stop-1');
    await until(() => stops.length === 1, 'the stop hook');
    await command('drain', drain, 'drain-1');
    await command('undrain', { reason: 'too late' }, 'undrain-1');
    await command('stop', { reason: 'operator', forced: false }, 'stop-2');
    const ignored = () => lines.filter((line) => line.msg === 'command ignored');
    await until(() => ignored().length === 3, 'the three commands to be ignored');

    expect(ignored().map((line) => [line.command, line.why])).toEqual([
      ['drain', 'already stopping'],
      ['undrain', 'already stopping'],
      ['stop', 'already stopping'],
    ]);
    expect(drains).toEqual([]);
    expect(stops).toHaveLength(1);
    expect(runner.status).toBe('stopping');
    expect(() => runner.openSession()).toThrow(RunnerDrainingError);
    held.end();
    expect(await runner.stopped).toEqual({ reason: 'operator', forced: false, origin: 'rollcall' });
  });
});

describe('an invalid command', () => {
  it('is logged and ignored; the next valid one is applied', async () => {
    const { logger, lines } = collectLogs();
    const { runner, drains, command } = await startedRunner('web-invalid', logger);
    await command('drain', { reason: 'version_upgrade', deadline: 'soon' }, 'bad-1');
    await command('stop', 'not json', 'bad-2');
    await command('drain', drain, 'drain-1');
    await until(() => drains.length === 1, 'the drain hook');

    const invalid = lines.filter((line) => line.msg === 'invalid command ignored');
    expect(invalid.map((line) => line.error)).toEqual([
      expect.stringContaining('deadline'),
      expect.stringContaining('not valid UTF-8 JSON'),
    ]);
    expect(runner.status).toBe('draining');
    await runner.close();
  });
});
