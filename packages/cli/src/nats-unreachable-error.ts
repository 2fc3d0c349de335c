/** The CLI could not connect to NATS (wrong `--nats-url`, or NATS is not running). */
export class NatsUnreachableError extends Error {
  override readonly name = 'NatsUnreachableError';

  constructor(url: string, options: ErrorOptions) {
    super(`cannot reach NATS at ${url} (start it with ./dev up, or pass --nats-url)`, options);
  }
}
