/**
 * The payload every store writes and reads: shaped like Rollcall's RunnerConnected event (about 300 bytes of JSON),
 * so the three stores move the same bytes.
 */
export type RunnerConnectedData = {
  namespace: string;
  pool: string;
  runnerId: string;
  version: number;
  build: string;
  serverId: string;
  slots: number;
  labels: Record<string, string>;
  connectedAt: string;
};

export const RUNNER_CONNECTED = 'RunnerConnected';

const EPOCH_MS = Date.UTC(2026, 10, 23, 5, 43, 0);

/** The n-th event (n >= 1); the same function of n as {@link runnerConnectedSql}, so seeded and appended rows match. */
export function runnerConnected(n: number): RunnerConnectedData {
  return {
    namespace: 'acme-prod',
    pool: `pool-${String(n % 50).padStart(3, '0')}`,
    runnerId: `runner-${String(n).padStart(10, '0')}`,
    version: 1 + (n % 7),
    build: `2026.11.23-build.${String(n % 1000).padStart(4, '0')}+sha.0f3c9a17e2`,
    serverId: `server-${String(n % 200).padStart(4, '0')}.eu-west-1`,
    slots: 1 + (n % 8),
    labels: {
      workspace: 'acme',
      region: 'eu-west-1',
      tier: 'standard',
      arch: 'x86_64',
    },
    connectedAt: new Date(EPOCH_MS + n * 1000).toISOString(),
  };
}

/**
 * SQL expression over an integer column `n` that builds the same jsonb as {@link runnerConnected}(n),
 * for seeding a million rows server-side without shipping them over the wire.
 */
export const runnerConnectedSql = `jsonb_build_object(
  'namespace', 'acme-prod',
  'pool', 'pool-' || lpad((n % 50)::text, 3, '0'),
  'runnerId', 'runner-' || lpad(n::text, 10, '0'),
  'version', 1 + n % 7,
  'build', '2026.11.23-build.' || lpad((n % 1000)::text, 4, '0') || '+sha.0f3c9a17e2',
  'serverId', 'server-' || lpad((n % 200)::text, 4, '0') || '.eu-west-1',
  'slots', 1 + n % 8,
  'labels', jsonb_build_object('workspace', 'acme', 'region', 'eu-west-1', 'tier', 'standard', 'arch', 'x86_64'),
  'connectedAt', to_char((timestamptz '2026-11-23 05:43:00+00' + n * interval '1 second') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
)`;

/** Seeded events are grouped into streams of this many events (`runner-seed<k>`). */
export const SEED_STREAM_SIZE = 100;
