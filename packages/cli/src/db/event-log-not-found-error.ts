/** `--database-url` points at a database without the event log's tables. */
export class EventLogNotFoundError extends Error {
  override readonly name = 'EventLogNotFoundError';

  constructor(options: ErrorOptions) {
    super(
      'this database holds no event log (its tables are missing): check --database-url, or let a service migrate it first (./dev up)',
      options,
    );
  }
}
