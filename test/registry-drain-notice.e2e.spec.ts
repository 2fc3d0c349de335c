import { randomUUID } from 'node:crypto';
import { headers, type Msg } from '@nats-io/transport-node';
import { poolStream } from '@rollcall/contracts';
import { readStream } from '@rollcall/eventlog';
import { useTestDatabase, useTestNats } from '@rollcall/testkit';
import { describe, expect, it } from 'vitest';
import { configurePool } from './testing/configure-pool';
import { useDrainServices } from './testing/use-drain-services';

// A drain on upgrade, seen from the runner's side: two runners that speak only raw NATS JSON, the registry
// deciding the drain, and the drainer's relay carrying it from the log to the older runner's drain subject.

const database = useTestDatabase();
const nats = useTestNats();
useDrainServices(database, nats);

/** What a runner in any language does: JSON bytes, a Nats-Msg-Id, and the JetStream ack read back. */
async function publish(kind: string, payload: unknown): Promise<void> {
  const h = headers();
  h.set('Nats-Msg-Id', randomUUID());
  const ack = await nats.nc.request(`${nats.prefix}.v1.acme.runner.${kind}`, JSON.stringify(payload), {
    headers: h,
    timeout: 5000,
  });
  expect(ack.json()).toHaveProperty('seq');
}

function firstMessage(subject: string): Promise<Msg> {
  const subscription = nats.nc.subscribe(subject, { max: 1 });
  return (async () => {
    for await (const m of subscription) return m;
    throw new Error(`no message on ${subject}`);
  })();
}

describe('a newer version connecting', () => {
  it('sends the older runner a drain naming the newer version, with the drain event id as Nats-Msg-Id', async () => {
    await configurePool(database.db, 'acme', 'web');

    // The old runner listens for its commands before it announces itself, as the contract asks.
    const drained = firstMessage(`${nats.prefix}.v1.acme.runner.web-41.drain`);
    await nats.nc.flush();
    await publish('connected', { runnerId: 'web-41', pool: 'web', version: 41, serverId: 'host-1' });
    await publish('connected', { runnerId: 'web-42', pool: 'web', version: 42, serverId: 'host-2' });

    const drain = await drained;
    const notice = drain.json<{ reason: string; supersededBy: number; deadline: string }>();
    expect(notice).toMatchObject({ reason: 'version_upgrade', supersededBy: 42 });
    expect(Number.isNaN(Date.parse(notice.deadline))).toBe(false);

    const drains: string[] = [];
    for await (const event of readStream(database.db, { streamName: poolStream('acme', 'web') })) {
      if (event.type === 'RunnerDrainRequested') drains.push(event.eventId);
    }
    // One drain in the log (web-41's), and it is the message the runner got.
    expect(drains).toEqual([drain.headers?.get('Nats-Msg-Id')]);
  });
});
