/**
 * The pools that had a drain in progress as of the drain process's checkpoint: what a new leader folds
 * before it follows the log from that checkpoint. Written in the checkpoint's transaction.
 */
export interface DrainerWatchedPoolsTable {
  namespace: string;
  pool: string;
}

// A type alias, not an interface: Kysely's `withTables` wants an indexable record.
export type DrainerTables = { drainer_watched_pools: DrainerWatchedPoolsTable };
