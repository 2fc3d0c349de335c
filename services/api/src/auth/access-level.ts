import type { AccessRole } from '@rollcall/contracts';

/** What a route asks of its caller: a role (viewer < operator < admin), or nothing at all (`public`). */
export type AccessLevel = AccessRole | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The access this route needs, when the default does not fit: GET/HEAD under /v1 need `viewer`, any
     * other method under /v1 `operator`, anything outside /v1 (probes, the dashboard) is `public`.
     */
    access?: AccessLevel;
  }
}
