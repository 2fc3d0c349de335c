import { jetstreamManager } from '@nats-io/jetstream';
import { runnerMessageSubject } from '@rollcall/contracts';
import { useTestNats } from '@rollcall/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunner } from './create-runner';
import { startTcpProxy, type TcpProxy } from './testing/tcp-proxy';
import { until } from './testing/until';
import { useWireRecorder } from './testing/wire-recorder';

// A NATS outage between the runner and the server: a TCP proxy drops the runner's connection and later
// accepts it again. A JetStream stream captures the runner's messages as the registry's ingest does.

const nats = useTestNats();
const namespace = 'acme';
const stream = nats.streamName('RUNNERS');
const wire = useWireRecorder(nats, namespace);
let proxy: TcpProxy;

beforeAll(async () => {
  proxy = await startTcpProxy(nats.url);
  const jsm = await jetstreamManager(nats.nc);
  await jsm.streams.add({ name: stream, subjects: [`${nats.prefix}.v1.${namespace}.runner.*`] });
});

afterAll(async () => {
  await proxy.close();
});

describe('a runner whose NATS connection drops and comes back', () => {
  it('announces itself again with the same Nats-Msg-Id, stored once, and keeps heartbeating', async () => {
    const runner = createRunner({
      natsUrl: proxy.url,
      prefix: nats.prefix,
      namespace,
      pool: 'web',
      version: 42,
      serverId: 'host-1',
      runnerId: 'web-outage',
      heartbeatIntervalMs: 100,
    });
    await runner.start();
    const first = await wire.until((m) => m.kind === 'connected');

    await proxy.cut();
    await proxy.restore();
    const again = await wire.until((m) => m.kind === 'connected', {
      from: first.index + 1,
      what: 'connected published again after the reconnect',
    });
    expect(again.message.msgId).toBe(first.message.msgId);
    expect(again.message.msgId).toBe(runner.msgIds.connected);
    expect(again.message.payload).toEqual(first.message.payload);

    const after = await wire.until((m) => m.kind === 'heartbeat', {
      from: again.index + 1,
      what: 'a heartbeat after the reconnect',
    });
    // The stream handles one connection's messages in order: once it holds that heartbeat, it has seen
    // the second connected, and kept one copy of it.
    const jsm = await jetstreamManager(nats.nc);
    const heartbeatSubject = runnerMessageSubject(nats.prefix, namespace, 'heartbeat');
    const connectedSubject = runnerMessageSubject(nats.prefix, namespace, 'connected');
    await until(async () => {
      const last = await jsm.streams.getMessage(stream, { last_by_subj: heartbeatSubject });
      return heartbeatNumber(last?.header.get('Nats-Msg-Id')) >= heartbeatNumber(after.message.msgId);
    }, 'the heartbeat to be stored');
    const info = await jsm.streams.info(stream, { subjects_filter: connectedSubject });
    expect(info.state.subjects).toEqual({ [connectedSubject]: 1 });

    await wire.until((m) => m.kind === 'heartbeat', { from: after.index + 1, what: 'heartbeats to go on' });
    await runner.close();
    expect(runner.status).toBe('stopped');
  });
});

/** `<runnerId>.<incarnation>.hb.<n>` -> n */
function heartbeatNumber(msgId: string | undefined): number {
  return Number(msgId?.split('.hb.')[1] ?? Number.NaN);
}
