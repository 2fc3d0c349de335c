import { describe, expect, it } from 'vitest';
import type { ApiClient } from './api-client';
import { ApiError } from './api-error';
import { demoOperatorToken } from './operator-token';

const now = new Date('2026-11-23T08:30:39.675Z');

describe('demoOperatorToken', () => {
  it('asks for an operator token of the demo namespace, named after the run', async () => {
    const asked: unknown[] = [];
    const api: ApiClient = async (method, path, schema, body) => {
      asked.push({ method, path, body });
      return schema.parse({
        tokenId: 'tok-1',
        name: 'demo-operator-20261123T083039',
        role: 'operator',
        namespace: 'demo',
        createdBy: 'admin',
        createdAt: now.toISOString(),
        revokedAt: null,
        revokedBy: null,
        token: 'rc_secret',
      });
    };
    expect(await demoOperatorToken(api, 'admin-token', now)).toEqual({
      kind: 'operator',
      token: 'rc_secret',
      name: 'demo-operator-20261123T083039',
    });
    expect(asked).toEqual([
      {
        method: 'POST',
        path: '/v1/tokens',
        body: { role: 'operator', namespace: 'demo', name: 'demo-operator-20261123T083039' },
      },
    ]);
  });

  it('hands out the admin token when the api has no token route, and fails on any other error', async () => {
    const missing: ApiClient = async () => {
      throw new ApiError('POST /v1/tokens', 404, null, 'not found');
    };
    expect(await demoOperatorToken(missing, 'admin-token', now)).toEqual({
      kind: 'admin',
      token: 'admin-token',
    });

    const refused: ApiClient = async () => {
      throw new ApiError('POST /v1/tokens', 403, null, 'forbidden');
    };
    await expect(demoOperatorToken(refused, 'admin-token', now)).rejects.toThrow('403');
  });
});
