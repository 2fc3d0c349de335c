import { useTestNats } from '@rollcall/testkit';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { InvalidMessage } from './invalid-message';
import { publish } from './publish';
import { type MessageMeta, subscribe } from './subscribe';

const nats = useTestNats();
const logger = pino({ level: 'silent' });
const Heartbeat = z.object({ runnerId: z.string(), activeSessions: z.number().int().min(0) });

describe('subscribe', () => {
  it('hands valid messages to the handler and invalid ones to onInvalid, and survives a failing handler', async () => {
    const subject = `${nats.prefix}.runner.heartbeat`;
    const stop = new AbortController();
    const handled: { runnerId: string; meta: MessageMeta }[] = [];
    const invalid: InvalidMessage[] = [];
    const { promise: last, resolve } = Promise.withResolvers<void>();

    const running = subscribe(nats.nc, {
      subject,
      schema: Heartbeat,
      signal: stop.signal,
      logger,
      onInvalid: (message) => {
        invalid.push(message);
      },
      handle: async ({ runnerId }, meta) => {
        handled.push({ runnerId, meta });
        if (runnerId === 'r1') throw new Error('handler bug');
        if (runnerId === 'r3') resolve();
      },
    });
    await nats.nc.flush();

    publish(nats.nc, {
      subject,
      schema: Heartbeat,
      payload: { runnerId: 'r1', activeSessions: 0 },
      msgId: 'h-1',
    });
    nats.nc.publish(subject, '{"runnerId":"r2","activeSessions":-1}');
    nats.nc.publish(subject, '\u0000binary');
    publish(nats.nc, { subject, schema: Heartbeat, payload: { runnerId: 'r3', activeSessions: 2 } });
    await last;

    expect(
      handled.map(({ runnerId, meta }) => ({ runnerId, subject: meta.subject, msgId: meta.msgId })),
    ).toEqual([
      { runnerId: 'r1', subject, msgId: 'h-1' },
      { runnerId: 'r3', subject, msgId: undefined },
    ]);
    expect(invalid).toEqual([
      expect.objectContaining({
        raw: '{"runnerId":"r2","activeSessions":-1}',
        issues: [expect.objectContaining({ path: ['activeSessions'] })],
      }),
      expect.objectContaining({ raw: '\u0000binary', issues: [] }),
    ]);

    stop.abort();
    await expect(running).resolves.toBeUndefined();
  });

  it('lets only one member of a queue group handle each message', async () => {
    const subject = `${nats.prefix}.queue`;
    const stop = new AbortController();
    const seen: string[] = [];
    let count = 0;
    const { promise: all, resolve } = Promise.withResolvers<void>();
    const member = (name: string) =>
      subscribe(nats.nc, {
        subject,
        queue: 'registry',
        schema: Heartbeat,
        signal: stop.signal,
        logger,
        onInvalid: () => {},
        handle: async ({ runnerId }) => {
          seen.push(`${runnerId}@${name}`);
          count += 1;
          if (count === 10) resolve();
        },
      });
    const members = [member('a'), member('b')];
    await nats.nc.flush();

    for (let i = 0; i < 10; i += 1) {
      publish(nats.nc, { subject, schema: Heartbeat, payload: { runnerId: `r${i}`, activeSessions: 0 } });
    }
    await all;
    // Whatever else the server sent arrives before the flush's answer and is handled a turn later.
    await nats.nc.flush();
    await new Promise(setImmediate);

    const runnerIds = seen.map((entry) => entry.split('@')[0]);
    expect(runnerIds.toSorted()).toEqual(Array.from({ length: 10 }, (_, i) => `r${i}`).toSorted());
    stop.abort();
    await Promise.all(members);
  });
});
