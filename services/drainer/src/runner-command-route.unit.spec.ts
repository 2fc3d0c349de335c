import type { RecordedEvent } from '@rollcall/eventlog';
import { describe, expect, it } from 'vitest';
import { routeRunnerCommand } from './runner-command-route';

const pool = { namespace: 'acme', pool: 'web', runnerId: 'web-1' };
const at = '2026-01-31T12:00:00.000Z';

function recorded(type: string, data: unknown): RecordedEvent {
  return {
    globalPosition: 7n,
    transactionId: 1n,
    eventId: '3f2b6c1e-7a52-4d43-9b1e-2a8c1f0e9d11',
    streamName: 'pool-acme+web',
    streamVersion: 3n,
    type,
    schemaVersion: 1,
    data,
    metadata: {},
    recordedAt: new Date(at),
  };
}

describe('routeRunnerCommand', () => {
  it('sends a drain to the superseded runner, with the event id as message id', () => {
    const event = recorded('RunnerDrainRequested', {
      ...pool,
      reason: 'version_upgrade',
      supersededBy: 43,
      deadline: '2026-01-31T12:15:00.000Z',
      requestedAt: at,
      requestedBy: 'rollcall',
    });
    expect(routeRunnerCommand('rollcall', event)).toEqual([
      {
        subject: 'rollcall.v1.acme.runner.web-1.drain',
        payload: { reason: 'version_upgrade', supersededBy: 43, deadline: '2026-01-31T12:15:00.000Z' },
        msgId: event.eventId,
      },
    ]);
  });

  it('leaves supersededBy out of an operator drain', () => {
    const event = recorded('RunnerDrainRequested', {
      ...pool,
      reason: 'operator',
      deadline: at,
      requestedAt: at,
      requestedBy: 'operator:alice',
    });
    expect(routeRunnerCommand('acme.rc', event)[0]?.payload).toEqual({ reason: 'operator', deadline: at });
    expect(routeRunnerCommand('acme.rc', event)[0]?.subject).toBe('acme.rc.v1.acme.runner.web-1.drain');
  });

  it('sends stop and undrain', () => {
    const stop = recorded('RunnerStopRequested', {
      ...pool,
      forced: true,
      reason: 'drain_deadline',
      requestedAt: at,
    });
    expect(routeRunnerCommand('rollcall', stop)).toEqual([
      {
        subject: 'rollcall.v1.acme.runner.web-1.stop',
        payload: { reason: 'drain_deadline', forced: true },
        msgId: stop.eventId,
      },
    ]);
    const undrain = recorded('RunnerUndrained', { ...pool, requestedBy: 'operator:alice', at });
    expect(routeRunnerCommand('rollcall', undrain)).toEqual([
      {
        subject: 'rollcall.v1.acme.runner.web-1.undrain',
        payload: { reason: 'drain cancelled by operator:alice' },
        msgId: undrain.eventId,
      },
    ]);
  });

  it('sends nothing for other events', () => {
    expect(routeRunnerCommand('rollcall', recorded('RunnerBecameIdle', { ...pool, at }))).toEqual([]);
  });

  it('throws on event data that breaks its schema, so the relay parks the event', () => {
    expect(() => routeRunnerCommand('rollcall', recorded('RunnerStopRequested', { ...pool }))).toThrow();
  });
});
