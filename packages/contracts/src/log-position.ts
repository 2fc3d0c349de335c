import { z } from 'zod';

/** Largest Postgres int8: global positions and stream versions never exceed it. */
const MAX_INT8 = 9_223_372_036_854_775_807n;

const DIGITS = /^(0|[1-9][0-9]{0,18})$/;

/**
 * A log position (or stream version) as it travels over HTTP: a decimal string, because int8 goes beyond
 * what a JSON number holds exactly (2^53). Requests parse it to a bigint.
 */
export const LogPosition = z
  .string()
  .regex(DIGITS, { error: 'must be a log position: a non-negative integer written in decimal', abort: true })
  .refine((digits) => BigInt(digits) <= MAX_INT8, { error: `must be at most ${MAX_INT8}` })
  .transform((digits) => BigInt(digits))
  .describe('A global log position, as a decimal string (it may exceed 2^53).');

/** How a position or stream version is written in a response. */
export const PositionString = z
  .string()
  .regex(DIGITS)
  .describe('A global log position or stream version, as a decimal string (it may exceed 2^53).');
