import type { IsoTimestamp, RunnerConnectedData, RunnerDrainRequestedData } from '@rollcall/contracts';

export type RunnerStatus = 'active' | 'draining' | 'stopping' | 'stopped' | 'lost';

export type RunnerDrain = Readonly<
  Pick<RunnerDrainRequestedData, 'reason' | 'supersededBy' | 'requestedAt' | 'deadline' | 'requestedBy'>
>;

/** One runner as its pool knows it, from its latest `RunnerConnected` on. */
export type PoolRunner = Readonly<
  Pick<
    RunnerConnectedData,
    'runnerId' | 'version' | 'build' | 'serverId' | 'slots' | 'labels' | 'connectedAt'
  > & {
    status: RunnerStatus;
    /** Since when the runner holds no session; null while busy. */
    idleSince: IsoTimestamp | null;
    /** As of the last busy/idle transition (heartbeats in between are not events). */
    activeSessions: number;
    drain: RunnerDrain | null;
    /** `connectFingerprint` of the connect that registered it, to recognise a repeated connect. */
    connectFingerprint: string;
  }
>;

/** Registered and not gone: it may still hold sessions and reconnects are repeats, not new runners. */
export function isLive(runner: PoolRunner): boolean {
  return runner.status === 'active' || runner.status === 'draining' || runner.status === 'stopping';
}
