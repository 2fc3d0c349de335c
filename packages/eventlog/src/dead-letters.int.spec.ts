import { useTestDatabase } from '@rollcall/testkit';
import { describe, expect, it } from 'vitest';
import { listDeadLetters, recordDeadLetter } from './dead-letters';

describe('dead letters', () => {
  const test = useTestDatabase();

  it('keeps one row per source and key, counting repeats and keeping the latest error', async () => {
    const first = await recordDeadLetter(test.db, {
      source: 'nats:rollcall.v1.acme.runner.connected',
      key: 'msg-1',
      payload: '{"runnerId":1}',
      error: 'runnerId: expected string, received number',
      issues: [{ path: ['runnerId'], message: 'expected string, received number' }],
    });
    const again = await recordDeadLetter(test.db, {
      source: 'nats:rollcall.v1.acme.runner.connected',
      key: 'msg-1',
      payload: '{"runnerId":2}',
      error: 'runnerId: still a number',
    });

    expect(first.count).toBe(1);
    expect(again).toEqual({ id: first.id, count: 2 });
    const [letter, ...others] = await listDeadLetters(test.db, {
      source: 'nats:rollcall.v1.acme.runner.connected',
    });
    expect(others).toEqual([]);
    expect(letter).toMatchObject({
      id: first.id,
      key: 'msg-1',
      payload: '{"runnerId":2}',
      error: 'runnerId: still a number',
      issues: null,
      count: 2,
    });
    expect(letter?.lastSeenAt.getTime()).toBeGreaterThanOrEqual(letter?.firstSeenAt.getTime() ?? Infinity);
  });

  it('stores validation issues as JSON and lists by source, most recent first', async () => {
    await recordDeadLetter(test.db, { source: 'subscription:a', key: 'e1', payload: '{}', error: 'one' });
    await recordDeadLetter(test.db, {
      source: 'subscription:a',
      key: 'e2',
      payload: '{}',
      error: 'two',
      issues: [{ path: ['data', 'pool'], message: 'required' }],
    });
    await recordDeadLetter(test.db, { source: 'subscription:b', key: 'e1', payload: '{}', error: 'other' });

    const letters = await listDeadLetters(test.db, { source: 'subscription:a' });
    expect(letters.map((l) => l.key)).toEqual(['e2', 'e1']);
    expect(letters[0]?.issues).toEqual([{ path: ['data', 'pool'], message: 'required' }]);
    expect(await listDeadLetters(test.db, { source: 'subscription:a', limit: 1 })).toHaveLength(1);
  });
});
