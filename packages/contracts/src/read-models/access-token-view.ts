import { z } from 'zod';
import { Actor } from '../actor';
import { AccessRole } from '../events/access/access-role';
import { TokenId } from '../events/access/token-id';
import { TokenName } from '../events/access/token-name';
import { Namespace } from '../identifiers';
import { IsoTimestamp } from '../timestamp';

/** One access token as `GET /v1/tokens` shows it: who may do what, never its secret or hash. */
export const AccessTokenView = z.object({
  tokenId: TokenId,
  name: TokenName,
  role: AccessRole,
  /** null: a global token. */
  namespace: Namespace.nullable(),
  createdBy: Actor,
  createdAt: IsoTimestamp,
  /** null while the token is valid. */
  revokedAt: IsoTimestamp.nullable(),
  revokedBy: Actor.nullable(),
});
export type AccessTokenView = z.infer<typeof AccessTokenView>;

/** The answer to `POST /v1/tokens`: the token and, this once only, its secret. */
export const CreatedAccessToken = AccessTokenView.extend({
  token: z.string().min(1).describe('The bearer secret; shown once, stored only as a hash.'),
});
export type CreatedAccessToken = z.infer<typeof CreatedAccessToken>;

/** The answer to `GET /v1/tokens`: every token ever created, oldest first, revoked ones included. */
export const AccessTokenList = z.object({ tokens: z.array(AccessTokenView) });
export type AccessTokenList = z.infer<typeof AccessTokenList>;
