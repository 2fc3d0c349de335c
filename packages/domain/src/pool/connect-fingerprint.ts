import type { RunnerConnectedData } from '@rollcall/contracts';

export type ConnectContent = Pick<RunnerConnectedData, 'version' | 'build' | 'serverId' | 'slots' | 'labels'>;

/**
 * What a connect says about a runner, as one comparable string. Labels are sorted because a runner in
 * another language may serialise its map in any order, and a reordered map is the same connect.
 */
export function connectFingerprint(content: ConnectContent): string {
  const labels = Object.entries(content.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([content.version, content.build ?? null, content.serverId, content.slots, labels]);
}
