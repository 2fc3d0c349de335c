import type { z } from 'zod';
import type { ApiTarget } from './api-target';
import { requestApiJson } from './request-api-json';

/** `GET <api><path>?<query>` and the body parsed with `schema` (see {@link requestApiJson}). */
export function getApiJson<Schema extends z.ZodType>(
  target: ApiTarget,
  path: string,
  query: Readonly<Record<string, string | undefined>>,
  schema: Schema,
): Promise<z.output<Schema>> {
  return requestApiJson(target, { method: 'GET', path, query }, schema);
}
