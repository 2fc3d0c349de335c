import { describeIssues } from '@rollcall/contracts';
import { z } from 'zod';
import { ApiError } from './api-error';

const REQUEST_TIMEOUT_MS = 15_000;

/** The part of an error answer the demo quotes; the rest is read by whoever handles the status. */
const ErrorMessage = z.object({ message: z.string() });

export interface ApiClientOptions {
  /** e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer` with every request. */
  token: string;
  /** Aborting cancels the request in flight. */
  signal: AbortSignal;
}

export type ApiClient = <Schema extends z.ZodType>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  schema: Schema,
  body?: unknown,
) => Promise<z.output<Schema>>;

/**
 * The demo's way into the public HTTP API: JSON in, the answer parsed with `schema` (an answer is input
 * too). An error status throws an {@link ApiError} quoting the API's own message.
 */
export function apiClient({ baseUrl, token, signal }: ApiClientOptions): ApiClient {
  return async (method, path, schema, body) => {
    const request = `${method} ${path}`;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
    });
    const text = await response.text();
    const json = parseJsonOrNull(text);
    if (!response.ok) {
      const quoted = ErrorMessage.safeParse(json);
      const detail = quoted.success ? quoted.data.message : text.slice(0, 200) || response.statusText;
      throw new ApiError(request, response.status, json, detail);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new Error(`${request} answered an unexpected body: ${describeIssues(parsed.error.issues)}`);
    }
    return parsed.data;
  };
}

function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
