import type { PoolEvent } from '@rollcall/contracts';

/** A pool event with the global position the log gave it: what the read-model reducers fold. */
export interface PositionedPoolEvent {
  readonly event: PoolEvent;
  readonly position: bigint;
}
