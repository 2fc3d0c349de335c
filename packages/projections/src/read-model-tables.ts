/**
 * Which physical tables a fold writes to: the live ones, or a rebuild's shadow copies that are swapped in
 * when complete.
 */
export interface ReadModelTableNames {
  readonly workerMap: string;
  readonly pools: string;
  readonly drains: string;
}

export const LIVE_TABLES: ReadModelTableNames = {
  workerMap: 'worker_map',
  pools: 'pools',
  drains: 'drains',
};

export const SHADOW_TABLES: ReadModelTableNames = {
  workerMap: 'worker_map_rebuild',
  pools: 'pools_rebuild',
  drains: 'drains_rebuild',
};
