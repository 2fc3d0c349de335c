import { describe, expect, it } from 'vitest';
import { RecentIds } from './recent-ids';

describe('RecentIds', () => {
  it('recognises an id it has seen', () => {
    const ids = new RecentIds(3);
    expect(ids.add('a')).toBe(true);
    expect(ids.add('a')).toBe(false);
  });

  it('forgets the oldest id beyond its capacity, and only that one', () => {
    const ids = new RecentIds(2);
    ids.add('a');
    ids.add('b');
    ids.add('c');
    expect(ids.add('b')).toBe(false);
    expect(ids.add('c')).toBe(false);
    expect(ids.add('a')).toBe(true);
  });
});
