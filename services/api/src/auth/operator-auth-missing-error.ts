/** A route asked for the actor without running `require` first: a wiring bug, not a client error. */
export class OperatorAuthMissingError extends Error {
  override readonly name = 'OperatorAuthMissingError';
  constructor(route: string, options?: ErrorOptions) {
    super(`route ${route} reads the operator without requiring authentication`, options);
  }
}
