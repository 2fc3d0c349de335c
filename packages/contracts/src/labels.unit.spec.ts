import { describe, expect, it } from 'vitest';
import { Labels } from './labels';

describe('Labels', () => {
  it('accepts a string map', () => {
    const labels = { workspace: 'acme', 'topology.kubernetes.io/zone': 'eu-west-1a', empty: '' };
    expect(Labels.parse(labels)).toEqual(labels);
  });

  it('accepts 64 labels and rejects 65', () => {
    const labels = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 'v']));
    expect(Labels.safeParse(labels(64)).success).toBe(true);
    expect(Labels.safeParse(labels(65)).error?.issues[0]?.message).toBe('at most 64 labels');
  });

  it.each([
    ['a non-string value', { workspace: 1 }],
    ['a value over 256 characters', { workspace: 'v'.repeat(257) }],
    ['a key with a space', { 'my key': 'v' }],
    ['a key over 128 characters', { ['k'.repeat(129)]: 'v' }],
    ['an empty key', { '': 'v' }],
    ['an array', ['acme']],
  ])('rejects %s', (_why, value) => {
    expect(Labels.safeParse(value).success).toBe(false);
  });
});
