import type { AccessEvent, AccessTokenCreatedData, TokenId } from '@rollcall/contracts';
import type { CommandMetadata } from '../pool/decide';
import { AccessTokenConflictError, AccessTokenNotFoundError, TokenNameInUseError } from './errors';
import type { AccessState } from './state';

/** The secret is made and hashed at the edge; the decision only ever sees its hash. */
export type CreateAccessToken = Readonly<{
  type: 'CreateAccessToken';
  data: Readonly<Pick<AccessTokenCreatedData, 'tokenId' | 'name' | 'role' | 'namespace' | 'tokenHash'>>;
  metadata: CommandMetadata;
}>;

export type RevokeAccessToken = Readonly<{
  type: 'RevokeAccessToken';
  data: Readonly<{ tokenId: TokenId }>;
  metadata: CommandMetadata;
}>;

export type AccessCommand = CreateAccessToken | RevokeAccessToken;

/**
 * Creating a token: refused while a valid token has the same name, or when its id or hash belongs to another
 * token; the same creation repeated changes nothing. Revoking: refused for an unknown id; a revoked token
 * stays revoked (nothing happens).
 * @throws AccessCommandError
 */
export function decide(command: AccessCommand, state: AccessState): AccessEvent[] {
  switch (command.type) {
    case 'CreateAccessToken':
      return createToken(command, state);
    case 'RevokeAccessToken':
      return revokeToken(command, state);
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

function createToken({ data, metadata }: CreateAccessToken, state: AccessState): AccessEvent[] {
  const existing = state.tokens.get(data.tokenId);
  if (existing !== undefined) {
    const same =
      existing.name === data.name &&
      existing.role === data.role &&
      existing.namespace === data.namespace &&
      existing.tokenHash === data.tokenHash;
    if (same) return [];
    throw new AccessTokenConflictError(data.tokenId, 'tokenId');
  }
  for (const token of state.tokens.values()) {
    if (token.tokenHash === data.tokenHash) throw new AccessTokenConflictError(data.tokenId, 'tokenHash');
    if (token.name === data.name && token.revoked === null) {
      throw new TokenNameInUseError(data.name, token.tokenId);
    }
  }
  return [
    {
      type: 'AccessTokenCreated',
      data: { ...data, createdBy: metadata.actor, at: metadata.now.toISOString() },
    },
  ];
}

function revokeToken({ data, metadata }: RevokeAccessToken, state: AccessState): AccessEvent[] {
  const token = state.tokens.get(data.tokenId);
  if (token === undefined) throw new AccessTokenNotFoundError(data.tokenId);
  if (token.revoked !== null) return [];
  return [
    {
      type: 'AccessTokenRevoked',
      data: { tokenId: data.tokenId, revokedBy: metadata.actor, at: metadata.now.toISOString() },
    },
  ];
}
