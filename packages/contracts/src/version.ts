import { z } from 'zod';

/** The largest version: a signed 32-bit integer, so every language and Postgres `int` holds it. */
export const MAX_VERSION = 2_147_483_647;

export const Version = z
  .int({ error: 'must be an integer from 1 to 2147483647' })
  .min(1, { error: 'must be an integer from 1 to 2147483647' })
  .max(MAX_VERSION, { error: 'must be an integer from 1 to 2147483647' })
  .describe('Version number; a higher number is newer.');
export type Version = z.infer<typeof Version>;

export const Build = z
  .string()
  .min(1)
  .max(128)
  .describe('Free label for a version, e.g. a git sha or "1.4.2".');
export type Build = z.infer<typeof Build>;
