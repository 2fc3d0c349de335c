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

/**
 * `GET` / `PUT /v1/namespaces/:ns/auto-upgrade`: the two switches above one namespace's pools, without the
 * other namespaces' (a token scoped to the namespace may read it). Its pools roll out by themselves only if
 * both are on, and then only those whose own `autoUpgrade` is on.
 */
export const AutoUpgradeNamespaceView = z.object({
  namespace: Namespace,
  global: z.boolean(),
  /** The namespace's own switch; on unless an operator turned it off. */
  enabled: z.boolean(),
});
export type AutoUpgradeNamespaceView = z.infer<typeof AutoUpgradeNamespaceView>;
