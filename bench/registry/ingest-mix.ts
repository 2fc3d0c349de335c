import { connectPayload, type RunnerMessage, runnerIdOf, runnerMessage } from './runner-message';

export interface IngestMixSettings {
  prefix: string;
  namespace: string;
  runners: number;
  pools: number;
  /** Heartbeat rounds after the connects: every runner heartbeats once per round. */
  heartbeats: number;
  /** Share of heartbeats that cross busy <-> idle. */
  transitions: number;
  /** Share of runners that disconnect at the end. */
  disconnects: number;
  /** Part of every `Nats-Msg-Id`, so runs never look like duplicates of each other. */
  runId: string;
}

export interface IngestMix {
  readonly messages: readonly RunnerMessage[];
  readonly counts: Readonly<Record<RunnerMessage['kind'], number>>;
  /** Heartbeats that cross busy <-> idle: each one a RunnerBecameBusy or RunnerBecameIdle. */
  readonly transitions: number;
  /** Every runner's sessions as of its last heartbeat, by runner id. */
  readonly finalSessions: ReadonlyMap<string, number>;
  /** Runners that said goodbye (stopped in the worker map). */
  readonly disconnected: readonly string[];
}

const SLOTS = 4;

/**
 * A fleet's day in stream order: every runner connects (round-robin over the pools), then heartbeats in
 * rounds (sessions wander; a `transitions` share of beats turn an idle runner busy or a busy one idle), then
 * a few disconnect. Every message has a distinct `Nats-Msg-Id`, as the runner SDK sends.
 */
export function planIngestMix(settings: IngestMixSettings, random: () => number): IngestMix {
  const { prefix, namespace, runners, pools, runId } = settings;
  const messages: RunnerMessage[] = [];
  const sessions = new Array<number>(runners).fill(0);
  let transitions = 0;
  for (let i = 0; i < runners; i++) {
    messages.push(
      runnerMessage(prefix, namespace, 'connected', connectPayload(i, pools, 1), `${runId}-c-${i}`),
    );
  }
  for (let round = 0; round < settings.heartbeats; round++) {
    for (let i = 0; i < runners; i++) {
      const before = sessions[i] ?? 0;
      const after = nextSessions(before, random() < settings.transitions, random);
      if (before > 0 !== after > 0) transitions++;
      sessions[i] = after;
      messages.push(
        runnerMessage(
          prefix,
          namespace,
          'heartbeat',
          { runnerId: runnerIdOf(i, 1), activeSessions: after },
          `${runId}-h${round}-${i}`,
        ),
      );
    }
  }
  const disconnected: string[] = [];
  const leaving = Math.round(runners * settings.disconnects);
  for (let k = 0; k < leaving; k++) {
    // Spread over the fleet (and so over the pools), not the first few of one pool.
    const i = Math.floor((k * runners) / leaving);
    const runnerId = runnerIdOf(i, 1);
    disconnected.push(runnerId);
    messages.push(
      runnerMessage(
        prefix,
        namespace,
        'disconnected',
        { runnerId, reason: 'scaled down' },
        `${runId}-d-${i}`,
      ),
    );
  }
  const heartbeats = runners * settings.heartbeats;
  return {
    messages,
    counts: { connected: runners, heartbeat: heartbeats, disconnected: leaving },
    transitions,
    finalSessions: new Map(sessions.map((s, i) => [runnerIdOf(i, 1), s])),
    disconnected,
  };
}

/** Busy stays busy (1..slots) and idle stays idle unless `flip`, which crosses to the other side. */
function nextSessions(current: number, flip: boolean, random: () => number): number {
  const busy = current > 0;
  if (busy === flip) return 0;
  return 1 + Math.floor(random() * SLOTS);
}
