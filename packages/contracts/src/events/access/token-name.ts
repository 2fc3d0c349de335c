import { z } from 'zod';

/** A token's human name; its requests act as `token:<name>` in event metadata. */
export const TokenName = z
  .string()
  .regex(/^[A-Za-z0-9_.@-]{1,64}$/, {
    error: 'must be 1 to 64 characters of A-Z, a-z, 0-9, "_", ".", "@" or "-"',
  })
  .describe('Name of an access token, e.g. ci-deployer or alice@example.com.');
export type TokenName = z.infer<typeof TokenName>;
