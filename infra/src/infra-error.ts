/**
 * Bring-up could not provide something (Postgres, NATS, a port, a service). The message is one line that
 * names what is missing and how to fix it, so the CLI can print it as is.
 */
export class InfraError extends Error {
  override readonly name = 'InfraError';
}
