/** A token command succeeded but its token is not in the state it left: a bug, answered 500. */
export class TokenMissingError extends Error {
  override readonly name = 'TokenMissingError';
  constructor(tokenId: string, options?: ErrorOptions) {
    super(`token ${tokenId} is missing from the state its command left`, options);
  }
}
