import type { NatsConnection, Status } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { BusConnectError } from './bus-connect-error';
import { liftUrlCredentials } from './url-credentials';

export interface ConnectBusOptions {
  /** One NATS URL, or several separated by commas (a cluster). */
  url: string;
  /** Shown by the server's monitoring for this connection, e.g. `rollcall-registry`. */
  name: string;
  logger: Logger;
  /** How long the first connection may take before start-up fails. @default 5000 */
  connectTimeoutMs?: number;
  /** Wait between reconnect attempts once connected; they never stop. @default 1000 */
  reconnectWaitMs?: number;
}

/**
 * Connects once or fails at once with a {@link BusConnectError} naming the URL: a service that cannot reach
 * NATS at start-up should say so and exit, not hang. Once connected it reconnects forever, and every
 * status change is logged.
 */
export async function connectBus({
  url,
  name,
  logger,
  connectTimeoutMs = 5000,
  reconnectWaitMs = 1000,
}: ConnectBusOptions): Promise<NatsConnection> {
  const servers = url
    .split(',')
    .map((server) => server.trim())
    .filter((server) => server !== '');
  const shown = servers.map(withoutPassword).join(',');
  let nc: NatsConnection;
  try {
    nc = await connect({
      // `nats://user:password@host` works as it does for nats.go and the nats CLI (see liftUrlCredentials).
      ...liftUrlCredentials(servers),
      name,
      timeout: connectTimeoutMs,
      maxReconnectAttempts: -1,
      reconnectTimeWait: reconnectWaitMs,
    });
  } catch (error) {
    throw new BusConnectError(shown, reasonOf(error, connectTimeoutMs), { cause: error });
  }
  const log = logger.child({ nats: name });
  log.info({ server: nc.getServer() }, 'connected to NATS');
  void logStatusChanges(nc, log);
  return nc;
}

async function logStatusChanges(nc: NatsConnection, log: Logger): Promise<void> {
  for await (const status of nc.status()) logStatus(status, log);
  const closedWith = await nc.closed();
  if (closedWith instanceof Error) log.error({ err: closedWith }, 'NATS connection closed by an error');
}

function logStatus(status: Status, log: Logger): void {
  switch (status.type) {
    case 'disconnect':
      log.warn({ server: status.server }, 'disconnected from NATS; reconnecting');
      return;
    case 'reconnect':
      log.info({ server: status.server }, 'reconnected to NATS');
      return;
    case 'reconnecting':
    case 'ping':
      return; // every attempt and every ping would flood the log; disconnect/reconnect bracket them
    case 'error':
      log.error({ err: status.error }, 'NATS reported an error');
      return;
    case 'ldm':
      log.warn({ server: status.server }, 'NATS server entering lame duck mode; will move to another');
      return;
    case 'staleConnection':
      log.warn('NATS connection stale; reconnecting');
      return;
    case 'forceReconnect':
      log.info('NATS reconnect forced');
      return;
    case 'slowConsumer':
      log.warn({ subject: status.sub.getSubject(), pending: status.pending }, 'slow NATS subscriber');
      return;
    case 'update':
      log.debug({ added: status.added, deleted: status.deleted }, 'NATS cluster changed');
      return;
    case 'close':
      log.info('NATS connection closed');
      return;
    default: {
      const unknown: never = status;
      log.debug({ status: unknown }, 'NATS status');
    }
  }
}

function reasonOf(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  if (error.name === 'TimeoutError') return `no answer within ${timeoutMs}ms`;
  return cause !== undefined && cause !== error.message ? `${error.message} (${cause})` : error.message;
}

function withoutPassword(server: string): string {
  if (!URL.canParse(server)) return server;
  const parsed = new URL(server);
  if (parsed.password === '') return server;
  parsed.password = '***';
  return parsed.toString();
}
