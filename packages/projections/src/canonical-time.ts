import type { IsoTimestamp } from '@rollcall/contracts';

/**
 * One spelling per instant (`toISOString`: UTC, milliseconds), as a `timestamptz` read back from Postgres
 * gives it, so a fold in memory and a fold through the tables produce equal rows. Pure: parses, never reads
 * the clock.
 */
export function canonicalTime(at: IsoTimestamp): IsoTimestamp {
  return new Date(at).toISOString();
}

/** The later of two canonical timestamps (they compare as strings). */
export function laterTime(a: IsoTimestamp, b: IsoTimestamp): IsoTimestamp {
  return a >= b ? a : b;
}
