import { headers, type NatsConnection } from '@nats-io/nats-core';
import { type RunnerCommandKind, runnerCommandSubject } from '@rollcall/contracts';

/**
 * Publishes a command the way Rollcall's relay does (JSON, `Nats-Msg-Id`), but raw: the payload is not
 * checked, so a test can send an invalid one. Resolves once the server has it.
 */
export async function sendCommand(
  nc: NatsConnection,
  target: { prefix: string; namespace: string; runnerId: string },
  kind: RunnerCommandKind,
  payload: unknown,
  msgId?: string,
): Promise<void> {
  const subject = runnerCommandSubject(target.prefix, target.namespace, target.runnerId, kind);
  const data = typeof payload === 'string' ? payload : JSON.stringify(payload);
  if (msgId === undefined) nc.publish(subject, data);
  else {
    const h = headers();
    h.set('Nats-Msg-Id', msgId);
    nc.publish(subject, data, { headers: h });
  }
  await nc.flush();
}
