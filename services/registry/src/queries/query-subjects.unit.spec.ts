import { describe, expect, it } from 'vitest';
import { queryNamespace, queryWildcard } from './query-subjects';

describe('query subjects', () => {
  it('listen on every namespace', () => {
    expect(queryWildcard('rollcall', 'workers')).toBe('rollcall.v1.*.query.workers');
    expect(queryWildcard('acme.rollcall', 'place')).toBe('acme.rollcall.v1.*.query.place');
  });

  it('read the namespace back from a subject', () => {
    expect(queryNamespace('acme.rollcall', 'worker', 'acme.rollcall.v1.team-a.query.worker')).toBe('team-a');
  });

  it.each([
    'rollcall.v1.acme.query.pools',
    'other.v1.acme.query.worker',
    'rollcall.v1.a.b.query.worker',
    'rollcall.v1..query.worker',
  ])('refuse %s as a worker query', (subject) => {
    expect(queryNamespace('rollcall', 'worker', subject)).toBeNull();
  });
});
