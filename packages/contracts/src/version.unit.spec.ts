import { describe, expect, it } from 'vitest';
import { MAX_VERSION, Version } from './version';

describe('Version', () => {
  it.each([1, 2, 42, MAX_VERSION])('accepts %d', (value) => {
    expect(Version.parse(value)).toBe(value);
  });

  it.each([
    ['0', 0],
    ['-1', -1],
    ['a fraction', 1.5],
    ['one above the int32 range', 2_147_483_648],
    ['a numeric string', '1'],
    ['NaN', Number.NaN],
    ['null', null],
  ])('rejects %s', (_why, value) => {
    const result = Version.safeParse(value);
    expect(result.success).toBe(false);
  });

  it('says the range in its error', () => {
    expect(Version.safeParse(0).error?.issues[0]?.message).toBe('must be an integer from 1 to 2147483647');
    expect(Version.safeParse(1.5).error?.issues[0]?.message).toBe('must be an integer from 1 to 2147483647');
  });
});
