import { describe, expect, it } from 'vitest';
import { Identifier, Namespace, PoolName, RunnerId, ServerId } from './identifiers';

describe('Identifier', () => {
  it.each(['acme', 'web-1', 'A_b-9', 'x', 'a'.repeat(64)])('accepts %j', (value) => {
    expect(Identifier.parse(value)).toBe(value);
  });

  it.each([
    ['a dot, which would split a subject token', 'a.b'],
    ['the single-token wildcard', '*'],
    ['the tail wildcard', '>'],
    ['a space', 'a b'],
    ['a plus, which joins compound stream ids', 'acme+web'],
    ['65 characters', 'a'.repeat(65)],
    ['an empty string', ''],
    ['non-ASCII letters', 'café'],
  ])('rejects %s', (_why, value) => {
    const result = Identifier.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must be 1 to 64 characters of A-Z, a-z, 0-9, "_" or "-"');
  });

  it('rejects non-strings', () => {
    expect(Identifier.safeParse(42).success).toBe(false);
  });

  it.each([
    ['Namespace', Namespace],
    ['PoolName', PoolName],
    ['RunnerId', RunnerId],
    ['ServerId', ServerId],
  ])('%s follows the same rule', (_name, schema) => {
    expect(schema.parse('ok-1')).toBe('ok-1');
    expect(schema.safeParse('not.ok').success).toBe(false);
  });
});
