/**
 * A route asked for the actor of a request that carries no token (an anonymous read, or a route declared
 * public): a wiring bug, not a client error.
 */
export class OperatorAuthMissingError extends Error {
  override readonly name = 'OperatorAuthMissingError';
  constructor(route: string, options?: ErrorOptions) {
    super(`route ${route} reads the actor of a request that carries no token`, options);
  }
}
