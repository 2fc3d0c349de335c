import { z } from 'zod';
import { Actor } from '../../actor';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { TokenId } from './token-id';

export const AccessTokenRevokedData = z.object({
  tokenId: TokenId,
  revokedBy: Actor,
  at: IsoTimestamp,
});
export type AccessTokenRevokedData = z.infer<typeof AccessTokenRevokedData>;

export const AccessTokenRevoked = eventSchema('AccessTokenRevoked', AccessTokenRevokedData);
export type AccessTokenRevoked = z.infer<typeof AccessTokenRevoked>;
