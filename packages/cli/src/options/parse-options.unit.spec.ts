import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UsageError } from '../usage-error';
import { AtArg } from './at-arg';
import { DatabaseUrl } from './global-options';
import { listArg } from './list-arg';
import { decimalArg, intArg } from './number-arg';
import { parseOptions } from './parse-options';
import { PositionArg } from './position-arg';

function usageMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('parseOptions', () => {
  const Schema = z.object({
    from: PositionArg.optional(),
    databaseUrl: DatabaseUrl,
    heartbeatMs: intArg(z.int()),
  });

  it('returns the parsed values', () => {
    expect(
      parseOptions(Schema, { from: '12', databaseUrl: 'postgres://h/db', heartbeatMs: '50', extra: true }),
    ).toEqual({ from: 12n, databaseUrl: 'postgres://h/db', heartbeatMs: 50 });
  });

  it('names each bad flag in kebab case, on one line', () => {
    const message = usageMessage(() =>
      parseOptions(Schema, { from: '-3', databaseUrl: 'mysql://h/db', heartbeatMs: 'fast' }),
    );
    expect(message).toBe(
      '--from: must be a non-negative integer (a log position); ' +
        '--database-url: must be a postgres:// URL (flag or DATABASE_URL); --heartbeat-ms: must be a whole number',
    );
  });

  it('says a missing value is required, and which variable can stand in for it', () => {
    expect(usageMessage(() => parseOptions(Schema, { heartbeatMs: '1' }))).toBe(
      '--database-url: is required (or set DATABASE_URL)',
    );
    expect(usageMessage(() => parseOptions(Schema, { databaseUrl: 'postgres://h/db' }))).toBe(
      '--heartbeat-ms: is required',
    );
  });

  it('uses the given names for positional arguments and renamed flags', () => {
    const Named = z.object({ projection: z.enum(['worker-map']), durationSeconds: z.number().positive() });
    const message = usageMessage(() =>
      parseOptions(
        Named,
        { projection: 'x', durationSeconds: 0 },
        { projection: '<projection>', durationSeconds: '--duration-s' },
      ),
    );
    expect(message).toMatch(/^<projection>: .*; --duration-s: /);
  });
});

describe('PositionArg', () => {
  it.each(['0', '7', '9223372036854775807'])('accepts %s', (text) => {
    expect(PositionArg.parse(text)).toBe(BigInt(text));
  });

  it.each(['-1', '1.5', '1e3', '0x10', '', ' 1', '9223372036854775808'])('refuses %j', (text) => {
    expect(PositionArg.safeParse(text).success).toBe(false);
  });
});

describe('AtArg', () => {
  it('reads digits as a log position', () => {
    expect(AtArg.parse('1234')).toEqual({ kind: 'position', position: 1234n });
  });

  it('reads an ISO time with a zone as a time', () => {
    expect(AtArg.parse('2026-01-31T12:00:00Z')).toEqual({ kind: 'time', time: '2026-01-31T12:00:00Z' });
    expect(AtArg.parse('2026-01-31T12:00:00.500+02:00')).toEqual({
      kind: 'time',
      time: '2026-01-31T12:00:00.500+02:00',
    });
  });

  it.each(['yesterday', '2026-01-31', '2026-01-31T12:00:00', '-5'])(
    'refuses %j, saying what it takes',
    (text) => {
      const result = AtArg.safeParse(text);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/log position .* or an ISO-8601 time with a zone/);
    },
  );
});

describe('number and list arguments', () => {
  it('intArg takes digits only, then applies the target range', () => {
    const Count = intArg(z.int().min(1));
    expect(Count.parse('3')).toBe(3);
    expect(Count.safeParse('0').success).toBe(false);
    expect(Count.safeParse('2.5').success).toBe(false);
  });

  it('decimalArg takes a decimal', () => {
    const Seconds = decimalArg(z.number().positive());
    expect(Seconds.parse('1.5')).toBe(1.5);
    expect(Seconds.safeParse('1,5').success).toBe(false);
  });

  it('listArg splits on commas and parses each item', () => {
    const Versions = listArg(intArg(z.int().min(1)));
    expect(Versions.parse('1, 2,3')).toEqual([1, 2, 3]);
    expect(Versions.safeParse(',').success).toBe(false);
    expect(Versions.safeParse('1,x').success).toBe(false);
  });
});
