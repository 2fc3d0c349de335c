import { describe, expect, it } from 'vitest';
import { serialByKey } from './serial-by-key';

function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('serialByKey', () => {
  it('runs the tasks of one key in order, one at a time', async () => {
    const queue = serialByKey();
    const gate = deferred();
    const seen: string[] = [];
    const first = queue.run('a', async () => {
      await gate.promise;
      seen.push('a1');
    });
    const second = queue.run('a', async () => {
      seen.push('a2');
    });
    await Promise.resolve();
    expect(seen).toEqual([]);
    gate.resolve();
    await Promise.all([first, second]);
    expect(seen).toEqual(['a1', 'a2']);
  });

  it('lets other keys run while one key waits', async () => {
    const queue = serialByKey();
    const gate = deferred();
    const blocked = queue.run('a', () => gate.promise);
    await expect(queue.run('b', async () => 'b done')).resolves.toBe('b done');
    expect(queue.size).toBe(1);
    gate.resolve();
    await blocked;
  });

  it('goes on with the next task after a failure, and forgets idle keys', async () => {
    const queue = serialByKey();
    const failing = queue.run('a', async () => {
      throw new Error('boom');
    });
    const next = queue.run('a', async () => 'next');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
    await queue.settled();
    expect(queue.size).toBe(0);
  });
});
