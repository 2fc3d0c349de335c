/** No Postgres or NATS could be found or started for the tests; the message says how to provide one. */
export class TestInfraUnavailableError extends Error {
  override readonly name = 'TestInfraUnavailableError';
}
