/** The stream exists with a setting the server cannot change in place; an operator must migrate it. */
export class StreamConfigConflictError extends Error {
  readonly stream: string;
  readonly field: string;

  constructor(stream: string, field: string, actual: unknown, wanted: unknown, options?: ErrorOptions) {
    super(
      `stream ${stream} has ${field} ${String(actual)} but ${String(wanted)} is configured; ` +
        `the server cannot change ${field} in place: recreate the stream (copying its messages) or keep ${String(actual)}`,
      options,
    );
    this.name = 'StreamConfigConflictError';
    this.stream = stream;
    this.field = field;
  }
}
