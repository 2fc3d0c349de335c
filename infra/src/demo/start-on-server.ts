import type { NatsConnection } from '@nats-io/transport-node';
import { request } from '@rollcall/bus';
import {
  LauncherStartReply,
  LauncherStartRequest,
  launcherSubject,
  type RunnerId,
} from '@rollcall/contracts';

export interface StartOnServerOptions {
  prefix: string;
  namespace: string;
  serverId: string;
  request: LauncherStartRequest;
}

/** Starting a `example-runner:` process can take a few seconds on a busy machine (tsx compiles it). */
const START_TIMEOUT_MS = 20_000;

/**
 * Asks the server's launcher to start one runner, as the upgrader does (`launcher.<serverId>.start`), and
 * returns the id the runner will connect with. A refusal throws with the launcher's own error class.
 */
export async function startOnServer(
  nc: NatsConnection,
  { prefix, namespace, serverId, request: payload }: StartOnServerOptions,
): Promise<RunnerId> {
  const reply = await request(nc, {
    subject: launcherSubject(prefix, namespace, serverId, 'start'),
    requestSchema: LauncherStartRequest,
    replySchema: LauncherStartReply,
    payload,
    timeoutMs: START_TIMEOUT_MS,
  });
  if (!reply.ok) {
    throw new Error(
      `the launcher of ${serverId} refused the start: ${reply.error.class}: ${reply.error.message}`,
    );
  }
  return reply.runnerId;
}
