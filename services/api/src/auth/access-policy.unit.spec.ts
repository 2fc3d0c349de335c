import type { AccessEvent } from '@rollcall/contracts';
import { evolveAccess, initialAccessState } from '@rollcall/domain';
import { describe, expect, it } from 'vitest';
import { accessVerdict } from './access-verdict';
import type { Principal } from './principal';
import { requiredAccess } from './required-access';
import { resolveBearer } from './resolve-bearer';
import { hashTokenSecret, newTokenSecret } from './token-secret';

describe('requiredAccess', () => {
  it.each([
    ['GET', '/v1/namespaces/:ns/pools', undefined, 'viewer'],
    ['HEAD', '/v1/events', undefined, 'viewer'],
    ['POST', '/v1/namespaces/:ns/drains', undefined, 'operator'],
    ['PUT', '/v1/auto-upgrade', undefined, 'operator'],
    ['DELETE', '/v1/namespaces/:ns/drains/:runnerId', undefined, 'operator'],
    ['GET', '/v1/tokens', 'admin', 'admin'],
    ['GET', '/healthz', undefined, 'public'],
    ['GET', '/metrics', undefined, 'public'],
    ['GET', '/', undefined, 'public'],
    ['GET', '/assets/index.js', undefined, 'public'],
    ['POST', '/v1x', undefined, 'public'],
    ['POST', '/v1', undefined, 'operator'],
  ] as const)('%s %s (declared %s) needs %s', (method, url, declared, expected) => {
    expect(requiredAccess({ method, url, declared })).toBe(expected);
  });
});

describe('accessVerdict', () => {
  const viewer: Principal = { actor: 'token:v', role: 'viewer', namespace: null };
  const acmeOperator: Principal = { actor: 'token:ops', role: 'operator', namespace: 'acme' };
  const admin: Principal = { actor: 'admin', role: 'admin', namespace: null };

  it('answers 401 without a token, naming the role needed', () => {
    expect(
      accessVerdict({ required: 'operator', principal: null, namespace: 'acme', anonymousReads: true }),
    ).toEqual({
      allowed: false,
      status: 401,
      error: 'unauthorized',
      message: 'this endpoint needs an operator token: send Authorization: Bearer <token>',
    });
    expect(
      accessVerdict({ required: 'viewer', principal: null, namespace: 'acme', anonymousReads: false }),
    ).toMatchObject({ status: 401, message: expect.stringContaining('needs a viewer token') });
  });

  it('lets anonymous requests read, and only read, when anonymous reads are on', () => {
    expect(
      accessVerdict({ required: 'viewer', principal: null, namespace: null, anonymousReads: true }),
    ).toEqual({
      allowed: true,
    });
    expect(
      accessVerdict({ required: 'admin', principal: null, namespace: null, anonymousReads: true }),
    ).toMatchObject({ status: 401 });
  });

  it('answers 403 to a role weaker than needed', () => {
    expect(
      accessVerdict({ required: 'operator', principal: viewer, namespace: 'acme', anonymousReads: false }),
    ).toEqual({
      allowed: false,
      status: 403,
      error: 'forbidden',
      message: 'this endpoint needs the operator role or higher; token:v has the viewer role',
    });
  });

  it('keeps a namespaced token in its namespace, and off routes that span every namespace', () => {
    const asAcme = (namespace: string | null) =>
      accessVerdict({ required: 'viewer', principal: acmeOperator, namespace, anonymousReads: true });
    expect(asAcme('acme')).toEqual({ allowed: true });
    expect(asAcme('other')).toMatchObject({
      status: 403,
      message: 'this endpoint is in namespace other; token:ops is scoped to namespace acme',
    });
    expect(asAcme(null)).toMatchObject({
      status: 403,
      message: expect.stringContaining('use a global token'),
    });
  });

  it('lets a global token with enough role anywhere', () => {
    for (const namespace of ['acme', 'other', null]) {
      expect(
        accessVerdict({ required: 'admin', principal: admin, namespace, anonymousReads: false }),
      ).toEqual({
        allowed: true,
      });
    }
  });
});

describe('resolveBearer', () => {
  const ciSecret = newTokenSecret();
  const adminSecret = 'bootstrap-admin-token-0123456789';
  const at = '2026-03-01T12:00:00.000Z';
  const history: AccessEvent[] = [
    {
      type: 'AccessTokenCreated',
      data: {
        tokenId: 't-1',
        name: 'ci',
        role: 'operator',
        namespace: 'acme',
        tokenHash: hashTokenSecret(ciSecret),
        createdBy: 'admin',
        at,
      },
    },
  ];
  const tokens = history.reduce(evolveAccess, initialAccessState());
  const adminHash = hashTokenSecret(adminSecret);

  it('knows the bootstrap admin as a global admin acting as admin', () => {
    expect(resolveBearer(adminSecret, { adminHash, tokens })).toEqual({
      kind: 'valid',
      principal: { actor: 'admin', role: 'admin', namespace: null },
    });
  });

  it('finds a token of the log by the hash of its secret, acting as token:<name>', () => {
    expect(resolveBearer(ciSecret, { adminHash: null, tokens })).toEqual({
      kind: 'valid',
      principal: { actor: 'token:ci', role: 'operator', namespace: 'acme' },
    });
  });

  it('tells a revoked token from an unknown one', () => {
    const revoked = evolveAccess(tokens, {
      type: 'AccessTokenRevoked',
      data: { tokenId: 't-1', revokedBy: 'admin', at },
    });
    expect(resolveBearer(ciSecret, { adminHash, tokens: revoked })).toEqual({ kind: 'revoked', name: 'ci' });
    expect(resolveBearer(newTokenSecret(), { adminHash, tokens })).toEqual({ kind: 'unknown' });
  });

  it('makes secrets that differ every time and hashes of one fixed shape', () => {
    expect(newTokenSecret()).not.toBe(newTokenSecret());
    expect(hashTokenSecret(ciSecret)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
