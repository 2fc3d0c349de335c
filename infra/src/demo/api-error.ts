/** The API answered an error status; `body` is its JSON answer (or null) for the caller to read further. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly request: string,
    readonly status: number,
    readonly body: unknown,
    detail: string,
  ) {
    super(`${request} answered ${status}: ${detail}`);
  }
}
