import { describe, expect, it } from 'vitest';
import { connected, lost, poolOf, stopped } from '../testing/pool-of';
import { judgeHealth } from './health-verdict';

// Started at T0 + 0 with a 2 s window and a 10 s connect timeout.
const watch = { startedAt: Date.parse('2026-01-31T12:00:00.000Z'), windowMs: 2000, connectTimeoutMs: 10_000 };
const at = (ms: number) => watch.startedAt + ms;

describe('the health of a target whose new runner n1 was started at T0', () => {
  it('waits while n1 has not connected yet, within the connect timeout', () => {
    expect(judgeHealth({ ...watch, pool: poolOf(), runnerIds: ['n1'], now: at(5000) })).toEqual({
      kind: 'waiting',
    });
  });

  it('is unhealthy when n1 never connected within the connect timeout', () => {
    expect(judgeHealth({ ...watch, pool: poolOf(), runnerIds: ['n1'], now: at(10_000) })).toEqual({
      kind: 'unhealthy',
      why: 'runner n1 did not connect within 10 s of its start',
    });
  });

  it('waits until n1 has been live a whole window since it connected, not only since its start', () => {
    const pool = poolOf(connected('n1', { at: 1000 }));
    expect(judgeHealth({ ...watch, pool, runnerIds: ['n1'], now: at(2500) })).toEqual({ kind: 'waiting' });
    expect(judgeHealth({ ...watch, pool, runnerIds: ['n1'], now: at(3000) })).toEqual({ kind: 'healthy' });
  });

  it('is unhealthy as soon as n1 stopped or was lost, window or not', () => {
    const gone = poolOf(connected('n1'), stopped('n1', 500));
    expect(judgeHealth({ ...watch, pool: gone, runnerIds: ['n1'], now: at(600) })).toEqual({
      kind: 'unhealthy',
      why: 'runner n1 is stopped within the health window',
    });
    const silent = poolOf(connected('n1'), lost('n1', 500));
    expect(judgeHealth({ ...watch, pool: silent, runnerIds: ['n1'], now: at(600) })).toMatchObject({
      kind: 'unhealthy',
    });
  });

  it('needs every runner: one healthy and one missing is not healthy yet', () => {
    const pool = poolOf(connected('n1'));
    expect(judgeHealth({ ...watch, pool, runnerIds: ['n1', 'n2'], now: at(3000) })).toEqual({
      kind: 'waiting',
    });
  });

  it('is unhealthy with no runner at all', () => {
    expect(judgeHealth({ ...watch, pool: poolOf(), runnerIds: [], now: at(3000) })).toEqual({
      kind: 'unhealthy',
      why: 'no runner was started',
    });
  });
});
