import { Namespace, Version } from '@rollcall/contracts';
import { z } from 'zod';

/** The shape of a simulated fleet; `rollcall sim` flags map onto it one to one. */
export const FleetSimulationSettings = z
  .object({
    namespace: Namespace.default('sim'),
    /** Runners of each version: the first version's fleet, then as many again per version bump. */
    runners: z.int().min(1).max(1_000_000),
    pools: z.int().min(1).max(100_000),
    /** @default one server per 10 runners */
    servers: z.int().min(1).max(1_000_000).optional(),
    /** The first version runs from the start; each next one connects `bumpAfterSeconds` after the previous. */
    versions: z
      .array(Version)
      .min(1)
      .refine((versions) => versions.every((version, i) => i === 0 || version > (versions[i - 1] ?? 0)), {
        error: 'must be ascending without repeats, e.g. 1,2',
      })
      .default([1, 2]),
    /** Sessions each runner can hold. */
    slots: z.int().min(1).max(10_000).default(4),
    heartbeatMs: z.int().min(10).max(3_600_000).default(5000),
    /** Without it the fleet runs until the signal aborts. */
    durationSeconds: z.number().positive().optional(),
    bumpAfterSeconds: z.number().positive().default(10),
  })
  .refine((settings) => settings.pools <= settings.runners, {
    path: ['pools'],
    error: 'must not exceed the number of runners',
  });
export type FleetSimulationSettings = z.output<typeof FleetSimulationSettings>;
