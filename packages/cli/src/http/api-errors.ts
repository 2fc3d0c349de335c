/** Nothing answered at the API's address (wrong `--api`, or the api service is not running). */
export class ApiUnreachableError extends Error {
  override readonly name = 'ApiUnreachableError';

  constructor(baseUrl: string, options: ErrorOptions) {
    super(`cannot reach the Rollcall API at ${baseUrl} (start it with ./dev up, or pass --api)`, options);
  }
}

/** The API answered with an error status; the message carries its own explanation. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';

  constructor(
    readonly request: string,
    readonly status: number,
    detail: string,
  ) {
    super(`${request} answered ${status}: ${detail}`);
  }
}

/** The API answered 2xx with a body this CLI does not understand (most likely a version mismatch). */
export class ApiReplyInvalidError extends Error {
  override readonly name = 'ApiReplyInvalidError';

  constructor(request: string, issues: string) {
    super(`${request} answered with an unexpected body: ${issues}`);
  }
}
