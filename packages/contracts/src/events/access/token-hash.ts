import { z } from 'zod';

/**
 * What the log keeps of a token's secret: its SHA-256, never the secret. The secret is 256 random bits, so
 * the hash is safe to store and to show to readers of the log.
 */
export const TokenHash = z
  .string()
  .regex(/^sha256:[0-9a-f]{64}$/, { error: 'must be sha256: and 64 lowercase hex digits' });
export type TokenHash = z.infer<typeof TokenHash>;
