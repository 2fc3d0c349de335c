import { describe, expect, it } from 'vitest';
import { timeLeft } from './time-left';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const draining = (deadline: string) => ({ deadline, secondsLeft: 1 });

describe('a drain in progress', () => {
  it('counts down to its deadline in minutes and seconds, rounding a started second up', () => {
    expect(timeLeft(draining('2026-03-01T12:09:59.000Z'), NOW)).toBe('9 min 59 s');
    expect(timeLeft(draining('2026-03-01T12:00:41.200Z'), NOW)).toBe('42 s');
  });

  it('says the deadline passed once it has', () => {
    expect(timeLeft(draining('2026-03-01T12:00:00.000Z'), NOW)).toBe('deadline passed');
    expect(timeLeft(draining('2026-03-01T11:59:00.000Z'), NOW)).toBe('deadline passed');
  });
});

describe('a drain that is stopping or finished', () => {
  it('has no time left to show', () => {
    expect(timeLeft({ deadline: '2026-03-01T12:05:00.000Z', secondsLeft: null }, NOW)).toBe('—');
  });
});
