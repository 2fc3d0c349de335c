import { describe, expect, it } from 'vitest';
import { spreadWindows } from './read-windows';

describe('spreadWindows', () => {
  it('splits the sample into equal windows from the start to the end of the log', () => {
    expect(spreadWindows(1_000_000, 40_000, 4, 1000)).toEqual([
      { after: 0n, count: 10_000, pageSize: 1000 },
      { after: 330_000n, count: 10_000, pageSize: 1000 },
      { after: 660_000n, count: 10_000, pageSize: 1000 },
      { after: 990_000n, count: 10_000, pageSize: 1000 },
    ]);
  });

  it('keeps every window inside the log', () => {
    for (const window of spreadWindows(1000, 400, 4, 100)) {
      expect(window.after + BigInt(window.count)).toBeLessThanOrEqual(1000n);
    }
  });

  it('reads from the start with a single window', () => {
    expect(spreadWindows(1000, 500, 1, 100)).toEqual([{ after: 0n, count: 500, pageSize: 100 }]);
  });
});
