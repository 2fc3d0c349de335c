import type { AccessLevel } from './access-level';

export interface RouteAccessInput {
  method: string;
  /** The route's path pattern (`/v1/namespaces/:ns/pools`), or the request path when no route matched. */
  url: string;
  /** `config.access` of the route, if it declares one. */
  declared: AccessLevel | undefined;
}

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * The access a request needs, the whole default policy in one place: what the route declares, else reads
 * (GET, HEAD) under /v1 need `viewer` and every other method under /v1 `operator`; everything outside /v1
 * (/healthz, /readyz, /metrics, the dashboard and its assets) is public.
 */
export function requiredAccess({ method, url, declared }: RouteAccessInput): AccessLevel {
  if (declared !== undefined) return declared;
  if (url !== '/v1' && !url.startsWith('/v1/')) return 'public';
  return READ_METHODS.has(method.toUpperCase()) ? 'viewer' : 'operator';
}
