/** NATS did not accept a connection at start-up. */
export class BusConnectError extends Error {
  readonly url: string;

  constructor(url: string, reason: string, options?: ErrorOptions) {
    super(`cannot connect to NATS at ${url}: ${reason}`, options);
    this.name = 'BusConnectError';
    this.url = url;
  }
}
