import type { PoolView } from '@rollcall/contracts';

/**
 * The pools projection's state for one pool: its config and version catalog as the log tells them. Runner
 * counts per version are not kept here; queries count them in `worker_map`.
 */
export type PoolRow = Readonly<
  Pick<PoolView, 'namespace' | 'pool' | 'config' | 'latestVersion' | 'catalog'> & { updatedPosition: bigint }
>;

export function poolKey(row: Pick<PoolRow, 'namespace' | 'pool'>): string {
  return `${row.namespace}/${row.pool}`;
}
