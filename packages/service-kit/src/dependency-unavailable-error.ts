/** A dependency (Postgres, NATS) did not answer when the service started. */
export class DependencyUnavailableError extends Error {
  readonly dependency: string;

  constructor(dependency: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DependencyUnavailableError';
    this.dependency = dependency;
  }
}
