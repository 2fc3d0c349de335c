/** Where and how the CLI reaches the HTTP API. */
export interface ApiTarget {
  /** e.g. `http://127.0.0.1:8080` (a path prefix is kept). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer`. */
  token?: string | undefined;
  /** Ctrl-C cancels the request. */
  signal: AbortSignal;
}
