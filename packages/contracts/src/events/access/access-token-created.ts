import { z } from 'zod';
import { Actor } from '../../actor';
import { Namespace } from '../../identifiers';
import { IsoTimestamp } from '../../timestamp';
import { eventSchema } from '../event-schema';
import { AccessRole } from './access-role';
import { TokenHash } from './token-hash';
import { TokenId } from './token-id';
import { TokenName } from './token-name';

export const AccessTokenCreatedData = z.object({
  tokenId: TokenId,
  name: TokenName,
  role: AccessRole,
  /** The one namespace the token acts in; null for a global token. */
  namespace: Namespace.nullable(),
  tokenHash: TokenHash,
  createdBy: Actor,
  at: IsoTimestamp,
});
export type AccessTokenCreatedData = z.infer<typeof AccessTokenCreatedData>;

export const AccessTokenCreated = eventSchema('AccessTokenCreated', AccessTokenCreatedData);
export type AccessTokenCreated = z.infer<typeof AccessTokenCreated>;
