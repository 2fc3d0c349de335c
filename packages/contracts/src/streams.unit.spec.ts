import { describe, expect, it } from 'vitest';
import { InvalidTokenError } from './invalid-token-error';
import { accessStream, parseStreamName, poolStream, rolloutStream, settingsStream } from './streams';

describe('stream name builders', () => {
  it('build message-db style names with compound ids joined by +', () => {
    expect(poolStream('acme', 'web')).toBe('pool-acme+web');
    expect(rolloutStream('acme', 'r-2026-01-31')).toBe('rollout-acme+r-2026-01-31');
    expect(accessStream()).toBe('access-tokens');
    expect(settingsStream()).toBe('settings-global');
  });

  it.each(['acme+web', 'a.b', '', 'a b', '*', 'a'.repeat(65)])('reject the id part %j', (bad) => {
    expect(() => poolStream(bad, 'web')).toThrow(InvalidTokenError);
    expect(() => poolStream('acme', bad)).toThrow(/invalid pool/);
    expect(() => rolloutStream('acme', bad)).toThrow(/invalid rolloutId/);
  });
});

describe('parseStreamName', () => {
  it.each([
    [poolStream('acme', 'web'), { category: 'pool', id: 'acme+web', idParts: ['acme', 'web'] }],
    // Dashes inside ids are fine: the category ends at the first dash.
    [
      poolStream('my-org', 'web-eu'),
      { category: 'pool', id: 'my-org+web-eu', idParts: ['my-org', 'web-eu'] },
    ],
    [rolloutStream('acme', 'r-1'), { category: 'rollout', id: 'acme+r-1', idParts: ['acme', 'r-1'] }],
    [accessStream(), { category: 'access', id: 'tokens', idParts: ['tokens'] }],
    [settingsStream(), { category: 'settings', id: 'global', idParts: ['global'] }],
  ])('round-trips %s', (name, parsed) => {
    expect(parseStreamName(name)).toEqual(parsed);
  });

  it('reads categories it does not build', () => {
    expect(parseStreamName('catalog-x')).toEqual({ category: 'catalog', id: 'x', idParts: ['x'] });
  });

  it.each(['pool', '-acme', 'pool-', 'pool-acme+', 'pool-+web', 'pool-acme++web', ''])(
    'returns null for %j',
    (name) => {
      expect(parseStreamName(name)).toBeNull();
    },
  );
});
