/**
 * A read or write that did not succeed: an API answer other than 2xx (`status` set), no answer at all
 * (`status` null), or a body this build does not understand. The page shows its message, never a blank.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number | null,
    /** The API's `error` code (e.g. `unauthorized`), or the dashboard's own (`unreachable`, `unexpected_reply`). */
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** The API wants a token (none was sent, or it is not known). */
  get needsToken(): boolean {
    return this.status === 401;
  }
}

/** Any thrown value as an ApiError, so every failure reaches the page with a message. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError(null, 'dashboard_error', message, { cause: error });
}
