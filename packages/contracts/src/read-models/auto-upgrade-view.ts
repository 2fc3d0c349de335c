import { z } from 'zod';
import { Namespace } from '../identifiers';

/**
 * `GET /v1/auto-upgrade`: the switches above the pools. `global` is on until an operator turns it off;
 * `namespaces` lists the namespaces whose switch an operator flipped (one left out is on).
 */
export const AutoUpgradeView = z.object({
  global: z.boolean(),
  namespaces: z.record(Namespace, z.boolean()),
});
export type AutoUpgradeView = z.infer<typeof AutoUpgradeView>;
