import { randomUUID } from 'node:crypto';
import type { Msg } from '@nats-io/nats-core';
import { append, NO_STREAM } from '@rollcall/eventlog';
import { createLogger } from '@rollcall/service-kit';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { describe, expect, it } from 'vitest';
import { startRunnerCommandRelay } from './start-runner-command-relay';

const database = useTestDatabase();
const nats = useTestNats();
const logger = createLogger({ service: 'drainer-test', level: 'silent' });

const at = '2026-01-31T12:00:00.000Z';
const ref = { namespace: 'acme', pool: 'web' };

/** The next message on `subject`, read as a runner in any language would: raw bytes and headers. */
function nextMessage(subject: string): Promise<Msg> {
  const subscription = nats.nc.subscribe(subject, { max: 1 });
  return (async () => {
    for await (const m of subscription) return m;
    throw new Error(`subscription to ${subject} ended without a message`);
  })();
}

describe('startRunnerCommandRelay', () => {
  it('sends drain, stop and undrain from the log to the runner subjects, with the event id as Nats-Msg-Id', async () => {
    const drainReceived = nextMessage(`${nats.prefix}.v1.acme.runner.web-1.drain`);
    const stopReceived = nextMessage(`${nats.prefix}.v1.acme.runner.web-1.stop`);
    const undrainReceived = nextMessage(`${nats.prefix}.v1.acme.runner.web-2.undrain`);
    await nats.nc.flush();

    const drainEvent = {
      eventId: randomUUID(),
      type: 'RunnerDrainRequested',
      data: {
        ...ref,
        runnerId: 'web-1',
        reason: 'version_upgrade',
        supersededBy: 43,
        deadline: '2026-01-31T12:15:00.000Z',
        requestedAt: at,
        requestedBy: 'rollcall',
      },
    };
    const stopEvent = {
      eventId: randomUUID(),
      type: 'RunnerStopRequested',
      data: { ...ref, runnerId: 'web-1', forced: false, reason: 'drain_complete', requestedAt: at },
    };
    await append(database.db, {
      streamName: 'pool-acme+web',
      expectedVersion: NO_STREAM,
      events: [
        // Not a runner command: the relay passes over it.
        { eventId: randomUUID(), type: 'RunnerBecameIdle', data: { ...ref, runnerId: 'web-1', at } },
        drainEvent,
        stopEvent,
        {
          eventId: randomUUID(),
          type: 'RunnerUndrained',
          data: { ...ref, runnerId: 'web-2', requestedBy: 'operator:alice', at },
        },
      ],
    });

    const stop = new AbortController();
    const relay = startRunnerCommandRelay({
      db: database.db,
      connectionString: database.url,
      nc: nats.nc,
      prefix: nats.prefix,
      signal: stop.signal,
      logger,
      lockRetryMs: 100,
    });
    try {
      const drain = await drainReceived;
      expect(drain.json()).toEqual({
        reason: 'version_upgrade',
        supersededBy: 43,
        deadline: '2026-01-31T12:15:00.000Z',
      });
      expect(drain.headers?.get('Nats-Msg-Id')).toBe(drainEvent.eventId);

      const stopped = await stopReceived;
      expect(stopped.json()).toEqual({ reason: 'drain_complete', forced: false });
      expect(stopped.headers?.get('Nats-Msg-Id')).toBe(stopEvent.eventId);

      const undrain = await undrainReceived;
      expect(undrain.json()).toEqual({ reason: 'drain cancelled by operator:alice' });
    } finally {
      stop.abort();
      await relay;
    }
  });
});
