import { z } from 'zod';
import type { CliIo } from '../cli-io';
import type { ApiTarget } from '../http/api-target';
import { ApiToken, ApiUrl, JsonFlag } from './global-options';

/** The flags of every command that goes through the HTTP API. */
export const ApiOptions = z.object({ api: ApiUrl, token: ApiToken, json: JsonFlag });
export type ApiOptions = z.output<typeof ApiOptions>;

export function apiTarget({ api, token }: ApiOptions, io: CliIo): ApiTarget {
  return { baseUrl: api, token, signal: io.signal };
}
