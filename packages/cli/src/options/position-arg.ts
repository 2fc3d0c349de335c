import { z } from 'zod';

/** The largest value of the log's int8 `global_position`. */
const MAX_POSITION = 9_223_372_036_854_775_807n;

/** A global log position typed on the command line: digits only (no sign, exponent or hex), as a bigint. */
export const PositionArg = z
  .string()
  .regex(/^\d+$/, { error: 'must be a non-negative integer (a log position)' })
  .transform((digits) => BigInt(digits))
  .refine((position) => position <= MAX_POSITION, { error: 'is beyond the largest log position' });
export type PositionArg = z.output<typeof PositionArg>;
