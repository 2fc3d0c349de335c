import type { NatsConnection } from '@nats-io/transport-node';

/** A message on a runner subject as a raw subscriber sees it: a command to a runner or a runner's message. */
export interface WireMessage {
  /** `drain`, `undrain`, `stop` (commands) or `connected`, `heartbeat`, `disconnected` (runner messages). */
  readonly kind: string;
  readonly runnerId: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly msgId: string | undefined;
  /** The test's wall clock when it arrived, to compare with a deadline recorded in the log. */
  readonly receivedAt: number;
}

/**
 * Everything on `<prefix>.v1.<ns>.runner.>`, in arrival order: the commands Rollcall sends
 * (`runner.<runnerId>.<kind>`) and the runners' own messages (`runner.<kind>`, runner id in the payload).
 * One subscription, so a stop and the heartbeats before it are seen in the order NATS delivered them.
 */
export async function recordRunnerWire(nc: NatsConnection, prefix: string, namespace: string) {
  const seen: WireMessage[] = [];
  const root = `${prefix}.v1.${namespace}.runner.`;
  const subscription = nc.subscribe(`${root}>`, {
    callback: (error, m) => {
      if (error !== null) return;
      const tokens = m.subject.slice(root.length).split('.');
      const payload = m.json<Record<string, unknown>>();
      seen.push({
        kind: tokens.at(-1) ?? '',
        runnerId: tokens.length === 2 ? (tokens[0] ?? '') : String(payload.runnerId),
        payload,
        msgId: m.headers?.get('Nats-Msg-Id'),
        receivedAt: Date.now(),
      });
    },
  });
  await nc.flush();
  return {
    seen,
    of: (runnerId: string, kind?: string) =>
      seen.filter(
        (message) => message.runnerId === runnerId && (kind === undefined || message.kind === kind),
      ),
    close: () => subscription.unsubscribe(),
  };
}
