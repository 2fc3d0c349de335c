import type { AccessTokenView } from '@rollcall/contracts';
import type { AccessToken } from '@rollcall/domain';

/** A token as the api shows it: everything but its hash. */
export function accessTokenViewOf(token: AccessToken): AccessTokenView {
  return {
    tokenId: token.tokenId,
    name: token.name,
    role: token.role,
    namespace: token.namespace,
    createdBy: token.createdBy,
    createdAt: token.createdAt,
    revokedAt: token.revoked?.at ?? null,
    revokedBy: token.revoked?.by ?? null,
  };
}
