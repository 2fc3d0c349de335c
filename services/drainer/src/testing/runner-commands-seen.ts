import type { NatsConnection } from '@nats-io/nats-core';

/** A command as a runner in any language receives it: its subject's last tokens, JSON payload and msg id. */
export interface SeenCommand {
  readonly runnerId: string;
  readonly kind: string;
  readonly payload: unknown;
  readonly msgId: string | undefined;
}

/**
 * Listens, as raw NATS subscribers would, to every runner command of a namespace
 * (`<prefix>.v1.<ns>.runner.<runnerId>.<kind>`) and keeps them in arrival order. Resolves once the
 * subscription is registered with the server.
 */
export async function runnerCommandsSeen(nc: NatsConnection, prefix: string, namespace: string) {
  const seen: SeenCommand[] = [];
  const subscription = nc.subscribe(`${prefix}.v1.${namespace}.runner.*.*`, {
    callback: (error, m) => {
      if (error !== null) return;
      const tokens = m.subject.split('.');
      seen.push({
        runnerId: tokens.at(-2) ?? '',
        kind: tokens.at(-1) ?? '',
        payload: m.json(),
        msgId: m.headers?.get('Nats-Msg-Id'),
      });
    },
  });
  await nc.flush();
  return {
    seen,
    of: (runnerId: string, kind?: string) =>
      seen.filter(
        (command) => command.runnerId === runnerId && (kind === undefined || command.kind === kind),
      ),
    close: () => subscription.unsubscribe(),
  };
}
