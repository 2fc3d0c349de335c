import type {
  AccessEvent,
  AccessRole,
  Actor,
  IsoTimestamp,
  Namespace,
  TokenHash,
  TokenId,
  TokenName,
} from '@rollcall/contracts';

/** One access token as the log knows it: its hash (never the secret) and whether it was revoked. */
export type AccessToken = Readonly<{
  tokenId: TokenId;
  name: TokenName;
  role: AccessRole;
  /** null: a global token. */
  namespace: Namespace | null;
  tokenHash: TokenHash;
  createdBy: Actor;
  createdAt: IsoTimestamp;
  revoked: Readonly<{ by: Actor; at: IsoTimestamp }> | null;
}>;

/** Every token ever created on the `access-tokens` stream, revoked ones included (their names are history). */
export type AccessState = Readonly<{ tokens: ReadonlyMap<TokenId, AccessToken> }>;

export function initialState(): AccessState {
  return { tokens: new Map() };
}

export function evolve(state: AccessState, event: AccessEvent): AccessState {
  switch (event.type) {
    case 'AccessTokenCreated': {
      const { at, ...token } = event.data;
      return withToken(state, { ...token, createdAt: at, revoked: null });
    }
    case 'AccessTokenRevoked': {
      const token = state.tokens.get(event.data.tokenId);
      // A revocation of a token this state never saw changes nothing: evolve never throws.
      if (token === undefined || token.revoked !== null) return state;
      return withToken(state, { ...token, revoked: { by: event.data.revokedBy, at: event.data.at } });
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

function withToken(state: AccessState, token: AccessToken): AccessState {
  const tokens = new Map(state.tokens);
  tokens.set(token.tokenId, token);
  return { tokens };
}
