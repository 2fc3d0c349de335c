import type { IsoTimestamp } from '@rollcall/contracts';

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * One spelling per instant (`toISOString`: UTC, milliseconds), as a `timestamptz` read back from Postgres
 * gives it, so a fold in memory and a fold through the tables produce equal rows. Pure: parses, never reads
 * the clock.
 */
export function canonicalTime(at: IsoTimestamp): IsoTimestamp {
  // Writers use toISOString, so most timestamps already are canonical; a replay folds millions of them.
  return CANONICAL.test(at) ? at : new Date(at).toISOString();
}

/** The later of two canonical timestamps (they compare as strings). */
export function laterTime(a: IsoTimestamp, b: IsoTimestamp): IsoTimestamp {
  return a >= b ? a : b;
}
