import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { TokenHash } from '@rollcall/contracts';

const SECRET_BYTES = 32;

/** A new bearer secret: 256 random bits, base64url, prefixed so a leaked one is recognisable in a scan. */
export function newTokenSecret(): string {
  return `rc_${randomBytes(SECRET_BYTES).toString('base64url')}`;
}

/** What the log keeps of a secret. Unsalted on purpose: 256 random bits need no salt, and lookup stays one hash. */
export function hashTokenSecret(secret: string): TokenHash {
  return `sha256:${createHash('sha256').update(secret).digest('hex')}`;
}

/** Compares two hashes in constant time (both have one fixed length, so the length check leaks nothing). */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
