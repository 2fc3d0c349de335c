import type { AccessState } from '@rollcall/domain';
import { ADMIN_ACTOR } from './operator-auth';
import type { Principal } from './principal';
import { hashTokenSecret, sameHash } from './token-secret';

export type BearerResolution =
  | Readonly<{ kind: 'valid'; principal: Principal }>
  | Readonly<{ kind: 'revoked'; name: string }>
  | Readonly<{ kind: 'unknown' }>;

/** A log token acts as `token:<name>` in event metadata. */
export const tokenActor = (name: string) => `token:${name}`;

/**
 * Who a bearer secret stands for: the bootstrap admin (`ROLLCALL_ADMIN_TOKEN`, a global admin acting as
 * `admin`), or a token of the log by its hash. Every hash is compared in constant time and none is skipped,
 * so the time taken says nothing about which hash came close.
 */
export function resolveBearer(
  secret: string,
  { adminHash, tokens }: { adminHash: string | null; tokens: AccessState },
): BearerResolution {
  const hash = hashTokenSecret(secret);
  let resolution: BearerResolution = { kind: 'unknown' };
  if (adminHash !== null && sameHash(hash, adminHash)) {
    resolution = { kind: 'valid', principal: { actor: ADMIN_ACTOR, role: 'admin', namespace: null } };
  }
  for (const token of tokens.tokens.values()) {
    if (!sameHash(hash, token.tokenHash) || resolution.kind !== 'unknown') continue;
    resolution =
      token.revoked === null
        ? {
            kind: 'valid',
            principal: { actor: tokenActor(token.name), role: token.role, namespace: token.namespace },
          }
        : { kind: 'revoked', name: token.name };
  }
  return resolution;
}
