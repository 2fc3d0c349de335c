/** Another rebuild of the read models is running (it holds the rebuild lock); this one did nothing. */
export class RebuildInProgressError extends Error {
  override readonly name = 'RebuildInProgressError';

  constructor(options?: ErrorOptions) {
    super('another rebuild of the read models is in progress', options);
  }
}

/** The rebuild's signal aborted before the swap; the live tables are untouched and the shadow ones dropped. */
export class RebuildAbortedError extends Error {
  override readonly name = 'RebuildAbortedError';

  constructor(options?: ErrorOptions) {
    super('rebuild of the read models aborted; the live tables are untouched', options);
  }
}
