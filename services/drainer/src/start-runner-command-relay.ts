import { headers, type NatsConnection } from '@nats-io/nats-core';
import { MSG_ID_HEADER } from '@rollcall/bus';
import { RUNNER_COMMANDS_CHECKPOINT } from '@rollcall/contracts';
import { type EventLogDatabase, type OutgoingMessage, startOutboxRelay, type Wake } from '@rollcall/eventlog';
import type { Logger } from '@rollcall/service-kit';
import type { Kysely } from 'kysely';
import type { Registry } from 'prom-client';
import { RUNNER_COMMAND_EVENT_TYPES, routeRunnerCommand } from './runner-command-route';

export interface RunnerCommandRelayOptions {
  db: Kysely<EventLogDatabase>;
  connectionString: string;
  nc: NatsConnection;
  prefix: string;
  signal: AbortSignal;
  logger: Logger;
  metrics?: Registry;
  wake?: Wake;
  /** How often a standby replica asks to lead, in ms. @default 5000 */
  lockRetryMs?: number;
}

/**
 * Architecture rule 3 for runner commands: drain, stop and undrain decisions go out from the log (a
 * transactional outbox), in log order, at least once, from one replica at a time. Runners listen with core
 * NATS, so a batch counts as sent once the server has it (one flush a batch); a runner that was not connected then
 * misses it, as it would any core NATS message. Resolves once `signal` aborted.
 */
export function startRunnerCommandRelay(options: RunnerCommandRelayOptions): Promise<void> {
  const { nc, prefix } = options;
  return startOutboxRelay({
    db: options.db,
    connectionString: options.connectionString,
    // The relay's checkpoint, leader lock and dead-letter source; the drains view reads the checkpoint.
    name: RUNNER_COMMANDS_CHECKPOINT,
    filter: { category: 'pool', types: RUNNER_COMMAND_EVENT_TYPES },
    route: (event) => routeRunnerCommand(prefix, event),
    publish: (message: OutgoingMessage) => {
      const h = headers();
      h.set(MSG_ID_HEADER, message.msgId);
      nc.publish(message.subject, JSON.stringify(message.payload), { headers: h });
    },
    // One flush a batch: a drain of a whole pool version goes out in one round trip, not one per runner.
    flush: () => nc.flush(),
    signal: options.signal,
    logger: options.logger,
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
    ...(options.wake === undefined ? {} : { wake: options.wake }),
    ...(options.lockRetryMs === undefined ? {} : { lockRetryMs: options.lockRetryMs }),
  });
}
