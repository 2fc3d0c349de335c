import { describeIssues } from '@rollcall/contracts';
import type { z } from 'zod';
import { ApiReplyInvalidError, ApiRequestError, ApiUnreachableError } from './api-errors';
import type { ApiTarget } from './api-target';

const REQUEST_TIMEOUT_MS = 15_000;

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** Undefined values are left out. */
  query?: Readonly<Record<string, string | undefined>>;
  /** Sent as JSON. */
  body?: unknown;
}

/**
 * One request to the API and its body parsed with `schema` (a reply is input too: parse at the edge). Error
 * statuses become an {@link ApiRequestError} quoting the API's own message, so the operator reads why.
 */
export async function requestApiJson<Schema extends z.ZodType>(
  target: ApiTarget,
  { method, path, query = {}, body }: ApiRequest,
  schema: Schema,
): Promise<z.output<Schema>> {
  const url = new URL(`${target.baseUrl.replace(/\/+$/, '')}${path}`);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
  const request = `${method} ${url.pathname}${url.search}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(target.token === undefined ? {} : { authorization: `Bearer ${target.token}` }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.any([target.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
    });
  } catch (error) {
    throw new ApiUnreachableError(target.baseUrl, { cause: error });
  }
  const text = await response.text();
  const parsedBody = parseJsonOrNull(text);
  if (!response.ok) {
    const { ErrorReply } = await import('@rollcall/service-kit');
    const reply = ErrorReply.safeParse(parsedBody);
    const detail = reply.success ? reply.data.message : text.slice(0, 200) || response.statusText;
    throw new ApiRequestError(request, response.status, detail);
  }
  const parsed = schema.safeParse(parsedBody);
  if (!parsed.success) throw new ApiReplyInvalidError(request, describeIssues(parsed.error.issues));
  return parsed.data;
}

function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
