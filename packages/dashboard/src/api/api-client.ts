import { z } from 'zod';
import { ApiError } from './api-error';
import { describeErrorBody, ErrorBody } from './error-body';

export type WriteMethod = 'POST' | 'PUT' | 'DELETE';

/** Reads and writes of the HTTP API, with the token (when there is one) as `Authorization: Bearer`. */
export interface ApiClient {
  readonly token: string | null;
  read<S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal): Promise<z.output<S>>;
  write<S extends z.ZodType>(
    method: WriteMethod,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.output<S>>;
}

function parseJson(text: string): unknown {
  if (text.length === 0) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function request<S extends z.ZodType>(
  token: string | null,
  method: 'GET' | WriteMethod,
  path: string,
  schema: S,
  { body, signal }: { body?: unknown; signal?: AbortSignal | undefined },
): Promise<z.output<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiError(null, 'unreachable', `The API did not answer ${method} ${path} (${reason}).`, {
      cause: error,
    });
  }
  const json = parseJson(await response.text());
  if (!response.ok) {
    const error = ErrorBody.safeParse(json);
    throw error.success
      ? new ApiError(response.status, error.data.error, describeErrorBody(error.data))
      : new ApiError(response.status, 'http_error', `${method} ${path} answered ${response.status}.`);
  }
  const reply = schema.safeParse(json);
  if (!reply.success) {
    throw new ApiError(
      response.status,
      'unexpected_reply',
      `${method} ${path} answered what this dashboard does not understand: ${z.prettifyError(reply.error)}`,
    );
  }
  return reply.data;
}

export function apiClient(token: string | null): ApiClient {
  return {
    token,
    read: (path, schema, signal) => request(token, 'GET', path, schema, { signal }),
    write: (method, path, schema, body) => request(token, method, path, schema, { body }),
  };
}
