import { describe, expect, it } from 'vitest';
import { batchQueue } from './batch-queue';

describe('batchQueue', () => {
  it('gives what is waiting, up to the maximum, in order', async () => {
    const queue = batchQueue<number>();
    for (const n of [1, 2, 3, 4, 5]) queue.push(n);
    expect(await queue.take(3)).toEqual([1, 2, 3]);
    expect(await queue.take(3)).toEqual([4, 5]);
  });

  it('waits for the first item when empty', async () => {
    const queue = batchQueue<string>();
    const taken = queue.take(10);
    queue.push('a');
    expect(await taken).toEqual(['a']);
  });

  it('returns what was left when closed, and null to a waiting take', async () => {
    const queue = batchQueue<string>();
    queue.push('a');
    expect(queue.close()).toEqual(['a']);
    expect(await queue.take(1)).toBeNull();
    const other = batchQueue<string>();
    const waiting = other.take(1);
    other.close();
    expect(await waiting).toBeNull();
  });
});

describe('batchQueue with accept', () => {
  it('takes what it accepts and leaves the rest queued, in order', async () => {
    const queue = batchQueue<string>();
    for (const item of ['a1', 'b1', 'a2', 'c1', 'b2']) queue.push(item);
    expect(await queue.take(10, (item) => !item.startsWith('a'))).toEqual(['b1', 'c1', 'b2']);
    expect(await queue.take(1, () => false)).toEqual([]);
    expect(await queue.take(10)).toEqual(['a1', 'a2']);
  });
});
