/** The `Nats-Msg-Id` of each message one runner process publishes. */
export interface RunnerMsgIds {
  readonly connected: string;
  heartbeat(sequence: number): string;
  readonly disconnected: string;
}

/**
 * Ids derived from the runner id and the process's incarnation, never from the moment of sending: a
 * `connected` published again after a NATS reconnect carries the same id, so JetStream stores it once
 * inside its duplicate window (and the registry's content idempotency covers later repeats). The
 * incarnation keeps a restarted process that reuses its runner id from being taken for a repeat.
 */
export function runnerMsgIds(runnerId: string, incarnation: string): RunnerMsgIds {
  const base = `${runnerId}.${incarnation}`;
  return {
    connected: `${base}.connected`,
    heartbeat: (sequence) => `${base}.hb.${sequence}`,
    disconnected: `${base}.disconnected`,
  };
}
