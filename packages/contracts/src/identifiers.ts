import { z } from 'zod';

/**
 * The one identifier rule of the wire contract. It is also the NATS subject token charset minus `.`, `*`
 * and `>`, so an identifier can be put in a subject without escaping, and minus `+`, so compound stream
 * ids (`pool-acme+web`) split back unambiguously.
 */
export const IDENTIFIER_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const Identifier = z
  .string()
  .regex(IDENTIFIER_PATTERN, { error: 'must be 1 to 64 characters of A-Z, a-z, 0-9, "_" or "-"' });
export type Identifier = z.infer<typeof Identifier>;

export const Namespace = Identifier.describe('Tenant or environment the runner belongs to.');
export type Namespace = z.infer<typeof Namespace>;

export const PoolName = Identifier.describe('Pool of interchangeable runners (e.g. "web").');
export type PoolName = z.infer<typeof PoolName>;

export const RunnerId = Identifier.describe('Unique id of one runner process, chosen by the runner.');
export type RunnerId = z.infer<typeof RunnerId>;

export const ServerId = Identifier.describe('Machine or launcher the runner runs on.');
export type ServerId = z.infer<typeof ServerId>;
