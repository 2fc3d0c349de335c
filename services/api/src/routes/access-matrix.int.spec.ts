import type { AccessRole } from '@rollcall/contracts';
import type { ServiceHttp } from '@rollcall/service-kit';
import { freePort, useTestDatabase, useTestNats } from '@rollcall/testkit';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessLevel } from '../auth/access-level';
import { requiredAccess } from '../auth/required-access';
import { buildTestApp } from '../testing/test-app';

const database = useTestDatabase();
const nats = useTestNats();

const ADMIN_TOKEN = 'access-matrix-admin-token-0123456789';
const ROLES: readonly AccessRole[] = ['viewer', 'operator', 'admin'];
const NAMESPACE = 'acme';
const OTHER_NAMESPACE = 'other';
type Scope = typeof NAMESPACE | typeof OTHER_NAMESPACE | null;

/** One method and path pattern the app registered, with the access it declares. */
type RegisteredRoute = { method: string; url: string; declared: AccessLevel | undefined };

/** The probes service-kit registers before the app's own route plugins (and before this file can watch). */
const PROBES = ['/healthz', '/readyz', '/metrics'];

/** A concrete path for a route pattern: `:ns` becomes the tokens' namespace, any other parameter a plausible value. */
function concretePath(url: string): string {
  return url
    .replace(/:ns(?=\/|$)/g, NAMESPACE)
    .replace(/:version(\([^)]*\))?/g, '1')
    .replace(/:[A-Za-z0-9_]+(\([^)]*\))?/g, 'x1')
    .replace(/\*$/, 'index.html');
}

const PROBE_HEADER = 'x-access-probe';
const PASSED = 299;

/**
 * Stops every request that got past access control before its handler runs, answering PASSED: the matrix
 * asks only what the access hook (and any route-level onRequest hook) decided, so no write takes effect
 * and a live event stream does not stay open. Added before the route plugins load, so it covers them all.
 */
function stopPastAccess(app: ServiceHttp): void {
  app.addHook('preParsing', async (request, reply) => {
    if (request.headers[PROBE_HEADER] === '1') await reply.code(PASSED).send();
  });
}

function collectRoutes(app: ServiceHttp, into: RegisteredRoute[]): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) into.push({ method, url: route.url, declared: route.config?.access });
  });
}

async function probe(base: string, method: string, path: string, token: string | null) {
  const withBody = !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(method);
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      [PROBE_HEADER]: '1',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(withBody ? { 'content-type': 'application/json' } : {}),
    },
    ...(withBody ? { body: '{}' } : {}),
  });
  await response.arrayBuffer();
  return { status: response.status, challenge: response.headers.get('www-authenticate') };
}

const hasNamespace = (url: string) => /:ns(\/|$)/.test(url);
const below = (role: AccessRole): AccessRole | null => ROLES[ROLES.indexOf(role) - 1] ?? null;

/**
 * Every route the built app registers (collected with an onRoute hook, so a route added tomorrow is in the
 * matrix without anyone listing it), each tried without a token, with an unknown token, with too weak a
 * role, with a token of another namespace (or a namespaced token on a route that spans every namespace),
 * and with the right role: 401, 401, 403, 403, then past access control (to its handler).
 */
describe('the access matrix over every route', () => {
  const routes: RegisteredRoute[] = [];
  const secrets = new Map<string, string>();
  let app: ServiceHttp;
  let base: string;

  const secretOf = (role: AccessRole, scope: Scope) => {
    const secret = secrets.get(`${role}@${scope ?? '*'}`);
    if (secret === undefined) throw new Error(`no ${role} token for ${scope ?? 'every namespace'}`);
    return secret;
  };

  const statusOf = (method: string, path: string, token: string | null) => probe(base, method, path, token);

  beforeAll(async () => {
    app = buildTestApp({ db: database.db, nc: nats.nc, adminToken: ADMIN_TOKEN, anonymousReads: false });
    collectRoutes(app, routes);
    stopPastAccess(app);
    const port = await freePort();
    await app.listen({ port, host: '127.0.0.1' });
    base = `http://127.0.0.1:${port}`;

    for (const role of ROLES) {
      for (const scope of [null, NAMESPACE, OTHER_NAMESPACE] as const) {
        const created = await app.inject({
          method: 'POST',
          url: '/v1/tokens',
          headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
          payload: {
            role,
            name: `${role}-${scope ?? 'global'}`,
            ...(scope === null ? {} : { namespace: scope }),
          },
        });
        expect(created.statusCode).toBe(201);
        secrets.set(`${role}@${scope ?? '*'}`, created.json().token);
      }
    }
  });
  afterAll(() => app.close());

  it('found the routes of every plugin, the token routes among them', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes).toContainEqual({ method: 'POST', url: '/v1/tokens', declared: 'admin' });
    expect(routes.some((route) => route.url.startsWith('/v1/namespaces/:ns/'))).toBe(true);
  });

  it('protects every route under /v1, and needs at least an operator for every write', () => {
    for (const { method, url, declared } of routes) {
      const needed = requiredAccess({ method, url, declared });
      if (url.startsWith('/v1'))
        expect({ method, url, needed }).not.toEqual({ method, url, needed: 'public' });
      if (url.startsWith('/v1') && !['GET', 'HEAD'].includes(method)) {
        expect({ method, url, needed }).not.toEqual({ method, url, needed: 'viewer' });
      }
    }
  });

  it('answers each route as its access says, for each kind of caller', async () => {
    const seen: string[] = [];
    for (const { method, url, declared } of routes) {
      const needed = requiredAccess({ method, url, declared });
      const path = concretePath(url);
      const row = (caller: string, status: number) => `${method} ${url} ${caller} -> ${status}`;
      const check = async (
        caller: string,
        token: string | null,
        expected: 'refused401' | 'refused403' | 'let through',
      ) => {
        const { status, challenge } = await statusOf(method, path, token);
        seen.push(row(caller, status));
        if (expected === 'refused401') {
          expect(row(caller, status)).toBe(row(caller, 401));
          expect(challenge).toBe('Bearer realm="rollcall"');
        } else if (expected === 'refused403') {
          expect(row(caller, status)).toBe(row(caller, 403));
        } else {
          expect(row(caller, status)).toBe(row(caller, PASSED));
        }
      };

      if (needed === 'public') {
        await check('without a token', null, 'let through');
        continue;
      }
      await check('without a token', null, 'refused401');
      await check('with an unknown token', 'rc_not-a-token-anyone-made', 'refused401');
      const weaker = below(needed);
      if (weaker !== null) await check(`as a global ${weaker}`, secretOf(weaker, null), 'refused403');
      if (hasNamespace(url)) {
        await check(`as a ${needed} of another namespace`, secretOf(needed, OTHER_NAMESPACE), 'refused403');
        await check(`as a ${needed} of its namespace`, secretOf(needed, NAMESPACE), 'let through');
      } else {
        await check(`as a ${needed} of one namespace`, secretOf(needed, NAMESPACE), 'refused403');
      }
      await check(`as a global ${needed}`, secretOf(needed, null), 'let through');
      await check('as the bootstrap admin', ADMIN_TOKEN, 'let through');
    }
    expect(seen.length).toBeGreaterThan(routes.length * 3);
  });

  it('leaves the probes open', async () => {
    for (const path of PROBES) expect([401, 403]).not.toContain((await statusOf('GET', path, null)).status);
  });
});

describe('with anonymous reads on', () => {
  const routes: RegisteredRoute[] = [];
  let app: ServiceHttp;
  let base: string;

  beforeAll(async () => {
    app = buildTestApp({ db: database.db, nc: nats.nc, adminToken: ADMIN_TOKEN, anonymousReads: true });
    collectRoutes(app, routes);
    stopPastAccess(app);
    const port = await freePort();
    await app.listen({ port, host: '127.0.0.1' });
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => app.close());

  it('lets every viewer route be read without a token, and nothing more', async () => {
    for (const { method, url, declared } of routes) {
      const needed = requiredAccess({ method, url, declared });
      if (needed === 'public') continue;
      const response = await probe(base, method, concretePath(url), null);
      const row = `${method} ${url} (${needed}) -> ${response.status}`;
      if (needed === 'viewer') expect(row).toBe(`${method} ${url} (${needed}) -> ${PASSED}`);
      else expect(row).toBe(`${method} ${url} (${needed}) -> 401`);
    }
  });
});
