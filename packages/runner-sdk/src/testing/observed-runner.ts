import type { NatsConnection } from '@nats-io/nats-core';
import type { DrainCommand, RunnerCommandKind, UndrainCommand } from '@rollcall/contracts';
import type { Logger } from 'pino';
import { createRunner } from '../create-runner';
import type { Runner } from '../runner';
import type { StopNotice } from '../runner-lifecycle';
import { collectLogs } from './collect-logs';
import { sendCommand } from './send-command';

/** A started runner, what its hooks were called with, and a raw line to its command subjects. */
export interface ObservedRunner {
  runner: Runner;
  drains: DrainCommand[];
  undrains: UndrainCommand[];
  stops: StopNotice[];
  command(kind: RunnerCommandKind, payload: unknown, msgId?: string): Promise<void>;
}

export async function startObservedRunner(
  nats: { nc: NatsConnection; prefix: string },
  {
    runnerId,
    namespace,
    logger = collectLogs().logger,
  }: { runnerId: string; namespace: string; logger?: Logger },
): Promise<ObservedRunner> {
  const runner = createRunner({
    nc: nats.nc,
    prefix: nats.prefix,
    namespace,
    pool: 'web',
    version: 42,
    serverId: 'host-1',
    runnerId,
    slots: 4,
    heartbeatIntervalMs: 60_000, // only the heartbeats a change sends, so each one means something
    logger,
  });
  const observed: ObservedRunner = {
    runner,
    drains: [],
    undrains: [],
    stops: [],
    command: (kind, payload, msgId) =>
      sendCommand(nats.nc, { prefix: nats.prefix, namespace, runnerId }, kind, payload, msgId),
  };
  runner.onDrain((drain) => {
    observed.drains.push(drain);
  });
  runner.onUndrain((undrain) => {
    observed.undrains.push(undrain);
  });
  runner.onStop((stop) => {
    observed.stops.push(stop);
  });
  await runner.start();
  return observed;
}
