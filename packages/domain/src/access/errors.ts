import type { TokenId, TokenName } from '@rollcall/contracts';

/**
 * Base of every refusal of an access command, so an edge (HTTP, CLI) can tell "the command was refused"
 * (4xx) from a failure (5xx) with one `instanceof`.
 */
export abstract class AccessCommandError extends Error {}

export class AccessTokenNotFoundError extends AccessCommandError {
  override readonly name = 'AccessTokenNotFoundError';
  constructor(
    readonly tokenId: TokenId,
    options?: ErrorOptions,
  ) {
    super(`no access token has the id ${tokenId}`, options);
  }
}

/** Names stay unique among valid tokens, so `token:<name>` in the log names one token at a time. */
export class TokenNameInUseError extends AccessCommandError {
  override readonly name = 'TokenNameInUseError';
  constructor(
    readonly tokenName: TokenName,
    readonly tokenId: TokenId,
    options?: ErrorOptions,
  ) {
    super(
      `a valid token is already named ${tokenName} (id ${tokenId}): revoke it or choose another name`,
      options,
    );
  }
}

/** The id, or the hash (one hash must resolve to one token), is taken by a different token. */
export class AccessTokenConflictError extends AccessCommandError {
  override readonly name = 'AccessTokenConflictError';
  constructor(
    readonly tokenId: TokenId,
    readonly field: 'tokenId' | 'tokenHash',
    options?: ErrorOptions,
  ) {
    super(`cannot create token ${tokenId}: its ${field} is taken by another token`, options);
  }
}
