import type { AccessEvent, AccessRole, Namespace } from '@rollcall/contracts';
import { describe, expect, it } from 'vitest';
import { DeciderSpecification } from '../testing/decider-specification';
import { accessDecider } from './access-decider';
import type { AccessCommand } from './decide';
import { AccessTokenConflictError, AccessTokenNotFoundError, TokenNameInUseError } from './errors';
import { roleAtLeast } from './roles';
import { evolve, initialState } from './state';

const ADMIN = 'admin';
const NOW = new Date('2026-03-01T12:00:00.000Z');
const EARLIER = '2026-03-01T11:00:00.000Z';
const hashOf = (digit: string) => `sha256:${digit.repeat(64)}`;

type TokenSpec = {
  tokenId: string;
  name: string;
  role?: AccessRole;
  namespace?: Namespace | null;
  hash?: string;
};

function create({
  tokenId,
  name,
  role = 'operator',
  namespace = null,
  hash = hashOf('a'),
}: TokenSpec): AccessCommand {
  return {
    type: 'CreateAccessToken',
    data: { tokenId, name, role, namespace, tokenHash: hash },
    metadata: { now: NOW, actor: ADMIN },
  };
}

function created(
  { tokenId, name, role = 'operator', namespace = null, hash = hashOf('a') }: TokenSpec,
  at = EARLIER,
): AccessEvent {
  return {
    type: 'AccessTokenCreated',
    data: { tokenId, name, role, namespace, tokenHash: hash, createdBy: ADMIN, at },
  };
}

const revoke = (tokenId: string): AccessCommand => ({
  type: 'RevokeAccessToken',
  data: { tokenId },
  metadata: { now: NOW, actor: ADMIN },
});

const revoked = (tokenId: string, at = EARLIER): AccessEvent => ({
  type: 'AccessTokenRevoked',
  data: { tokenId, revokedBy: ADMIN, at },
});

const given = DeciderSpecification.for(accessDecider);
const ci = { tokenId: 't-1', name: 'ci', namespace: 'acme' };

describe('no tokens yet', () => {
  it('creates a token, recording who and when, with the hash only', () => {
    given([]).when(create(ci)).then(created(ci, NOW.toISOString()));
  });

  it('refuses to revoke a token it does not know', () => {
    given([])
      .when(revoke('t-9'))
      .thenThrows(AccessTokenNotFoundError, (error) => error.tokenId === 't-9');
  });
});

describe('a valid token named ci', () => {
  it('refuses a second valid token with the same name', () => {
    given(created(ci))
      .when(create({ tokenId: 't-2', name: 'ci', hash: hashOf('b') }))
      .thenThrows(TokenNameInUseError, (error) => error.tokenId === 't-1');
  });

  it('changes nothing when the same creation is repeated', () => {
    given(created(ci)).when(create(ci)).thenNothingHappened();
  });

  it('refuses another token under the same id, or with the same hash', () => {
    given(created(ci))
      .when(create({ ...ci, role: 'admin' }))
      .thenThrows(AccessTokenConflictError, (error) => error.field === 'tokenId');
    given(created(ci))
      .when(create({ tokenId: 't-2', name: 'other' }))
      .thenThrows(AccessTokenConflictError, (error) => error.field === 'tokenHash');
  });

  it('revokes it, recording who and when', () => {
    given(created(ci)).when(revoke('t-1')).then(revoked('t-1', NOW.toISOString()));
  });
});

describe('a revoked token named ci', () => {
  const history = [created(ci), revoked('t-1')];

  it('leaves the name free for a new token', () => {
    given(history)
      .when(create({ tokenId: 't-2', name: 'ci', hash: hashOf('b') }))
      .then(created({ tokenId: 't-2', name: 'ci', hash: hashOf('b') }, NOW.toISOString()));
  });

  it('changes nothing when revoked again', () => {
    given(history).when(revoke('t-1')).thenNothingHappened();
  });

  it('keeps the first revocation in the state', () => {
    const state = [...history, revoked('t-1', NOW.toISOString())].reduce(evolve, initialState());
    expect(state.tokens.get('t-1')).toEqual({
      tokenId: 't-1',
      name: 'ci',
      role: 'operator',
      namespace: 'acme',
      tokenHash: hashOf('a'),
      createdBy: ADMIN,
      createdAt: EARLIER,
      revoked: { by: ADMIN, at: EARLIER },
    });
  });
});

describe('roleAtLeast', () => {
  it.each([
    ['viewer', 'viewer', true],
    ['viewer', 'operator', false],
    ['operator', 'viewer', true],
    ['operator', 'admin', false],
    ['admin', 'operator', true],
    ['admin', 'admin', true],
  ] as const)('%s includes %s: %s', (role, needed, expected) => {
    expect(roleAtLeast(role, needed)).toBe(expected);
  });
});
