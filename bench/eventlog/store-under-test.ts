import type { RunnerConnectedData } from './runner-connected';

export const STORE_NAMES = ['rollcall', 'emmett', 'raw'] as const;
export type StoreName = (typeof STORE_NAMES)[number];

export interface ReadRange {
  /** Exclusive start position; global positions start at 1 after {@link StoreUnderTest.reset}. */
  readonly after: bigint;
  readonly count: number;
  readonly pageSize: number;
}

/** One event store as the benchmark drives it; each implementation uses that store's own public API. */
export interface StoreUnderTest {
  readonly name: StoreName;
  /** Empties the store's tables and restarts its positions at 1, so every case starts from nothing. */
  reset(): Promise<void>;
  /** Appends to `streamName`, which is at `version` (0n: not created yet), with an optimistic version check. */
  append(streamName: string, version: bigint, events: readonly RunnerConnectedData[]): Promise<void>;
  /** Writes `count` events server-side (seeding for the read case, not measured); resolves once they are readable. */
  seed(count: number): Promise<void>;
  /** Reads positions (after, after + count] in order, each decoded to an object, handing each payload to `visit`. */
  read(range: ReadRange, visit: (data: unknown) => void): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  readonly connectionString: string;
  /** Connections in the store's pool: the number of concurrent writers of the case. */
  readonly poolSize: number;
}
