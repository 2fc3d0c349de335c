import { z } from 'zod';

// Rebuild first: it reports this process's RSS, which the other cases would leave grown.
export const CASE_NAMES = ['rebuild', 'ingest', 'drain_notice', 'stop_after_idle', 'rss'] as const;
export type CaseName = (typeof CASE_NAMES)[number];

const count = z.coerce.number().int().positive();
const share = z.coerce.number().min(0).max(1);

/** Sizes of the registry benchmark; every field is a flag (kebab-case) and a BENCH_* variable. */
export const RegistryOptions = z.object({
  /** Which cases run (flag `--registry-case`: `eventlog` already owns `--case`). */
  registryCase: z
    .string()
    .transform((list) => list.split(',').map((name) => name.trim()))
    .pipe(z.array(z.enum(CASE_NAMES)).min(1)),
  /** `ingest`: runners connecting, then heartbeating, across `ingestPools` pools. */
  ingestRunners: count,
  ingestPools: count,
  /** `ingest`: heartbeats per runner after its connect. */
  ingestHeartbeats: count,
  /** `ingest`: share of heartbeats that cross busy <-> idle (each one a pool event). */
  ingestTransitions: share,
  /** `ingest`: share of runners that disconnect at the end. */
  ingestDisconnects: share,
  /** `ingest`: JetStream publishes awaiting their ack at once, for both the reference and the load. */
  publishWindow: count,
  /** `drain_notice`: the fleet the upgrades happen in. */
  drainRunners: count,
  drainPools: count,
  /** `drain_notice`: each round upgrades every pool once (one newer connect), then re-arms the pools. */
  drainRounds: count,
  /** `drain_notice`: NATS request/reply round trips timed for the reference. */
  rttSamples: count,
  /** `stop_after_idle`: draining runners going idle, each timed to its stop command. */
  stopSamples: count,
  /** `rebuild`: pool events seeded into the log, then folded by the rebuild. */
  rebuildEvents: count,
  /** `rebuild`: events per append while seeding. */
  seedBatch: count,
  /** `rss`: runners connected to the registry process before its memory is read. */
  rssRunners: count,
  rssPools: count,
});
export type RegistryOptions = z.infer<typeof RegistryOptions>;

type Raw = Record<keyof RegistryOptions, string>;

const full: Raw = {
  registryCase: CASE_NAMES.join(','),
  ingestRunners: '20000',
  ingestPools: '200',
  ingestHeartbeats: '4',
  ingestTransitions: '0.1',
  ingestDisconnects: '0.02',
  publishWindow: '512',
  drainRunners: '10000',
  drainPools: '100',
  drainRounds: '3',
  rttSamples: '2000',
  stopSamples: '300',
  rebuildEvents: '1000000',
  seedBatch: '1000',
  rssRunners: '100000',
  rssPools: '1000',
};

const quick: Raw = {
  ...full,
  ingestRunners: '2000',
  ingestPools: '20',
  ingestHeartbeats: '2',
  drainRunners: '1000',
  drainPools: '10',
  drainRounds: '2',
  rttSamples: '200',
  stopSamples: '50',
  rebuildEvents: '20000',
  rssRunners: '5000',
  rssPools: '50',
};

export const REGISTRY_FLAGS = Object.keys(full).map((key) =>
  key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
);

/** Flags given (kebab-case keys) over the full or quick defaults. */
export function parseRegistryOptions(
  flags: Readonly<Record<string, string>>,
  isQuick: boolean,
): RegistryOptions {
  const given = Object.fromEntries(
    Object.entries(flags).map(([flag, value]) => [
      flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
      value,
    ]),
  );
  return RegistryOptions.parse({ ...(isQuick ? quick : full), ...given });
}
