import type { RunnerCommandKind, RunnerMessageKind, Version } from '@rollcall/contracts';

export interface VersionCount {
  version: Version;
  /** Runners of this version still connected. */
  live: number;
  /** Of those, how many obey a drain. */
  draining: number;
}

/** Running totals of a simulation, reported while it runs and returned (final) at the end. */
export interface FleetSimulationStats {
  /** Random per run; part of every `Nats-Msg-Id`, so a rerun is not mistaken for duplicates. */
  runId: string;
  elapsedMs: number;
  runners: { active: number; draining: number; disconnected: number };
  /** Sessions held by connected runners, as of their latest heartbeat. */
  sessions: number;
  versions: VersionCount[];
  sent: Record<RunnerMessageKind, number>;
  /** Commands obeyed, by kind; `invalid` counts payloads that failed the contract schema. */
  received: Record<RunnerCommandKind | 'invalid', number>;
}
