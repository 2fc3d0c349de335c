import { describe, expect, it } from 'vitest';
import { IsoTimestamp } from './timestamp';

describe('IsoTimestamp', () => {
  it.each([
    '2026-01-31T12:00:00.000Z',
    '2026-01-31T12:00:00Z',
    '2026-01-31T13:00:00+01:00',
    new Date(0).toISOString(),
  ])('accepts %s', (value) => {
    expect(IsoTimestamp.parse(value)).toBe(value);
  });

  it.each([
    ['a date without a time', '2026-01-31'],
    ['a time without a zone', '2026-01-31T12:00:00'],
    ['a time without seconds', '2026-01-31T12:00Z'],
    ['an impossible date', '2026-02-30T12:00:00Z'],
    ['prose', 'yesterday'],
    ['epoch milliseconds', 1_769_860_800_000],
  ])('rejects %s', (_why, value) => {
    const result = IsoTimestamp.safeParse(value);
    expect(result.success).toBe(false);
  });
});
