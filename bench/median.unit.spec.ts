import { describe, expect, it } from 'vitest';
import { median } from './median';

describe('median', () => {
  it('is the middle sample of an odd count, whatever the order', () => {
    expect(median([300, 100, 200])).toBe(200);
  });

  it('is the mean of the two middle samples of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('is the sample itself for one sample', () => {
    expect(median([42])).toBe(42);
  });

  it('does not reorder the caller’s array', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('refuses no samples', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});
