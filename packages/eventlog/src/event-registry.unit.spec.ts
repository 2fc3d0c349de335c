import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EventValidationError } from './errors';
import { defineEventRegistry, prepareForAppend, upcastToCurrent } from './event-registry';

// v1: { name }; v2: { firstName, lastName }; v3 adds { title } with a default.
const registry = defineEventRegistry({
  PersonNamed: {
    version: 3,
    schema: z.object({ firstName: z.string(), lastName: z.string(), title: z.string() }),
    upcast: {
      1: (old) => {
        const { name } = z.object({ name: z.string() }).parse(old);
        const [firstName = '', lastName = ''] = name.split(' ');
        return { firstName, lastName };
      },
      2: (old) => ({ ...z.object({}).loose().parse(old), title: 'none' }),
    },
  },
  Gapless: { version: 2, schema: z.object({ a: z.number() }) },
});

describe('defineEventRegistry', () => {
  it('refuses a version that is not a positive integer', () => {
    expect(() => defineEventRegistry({ X: { version: 0, schema: z.object({}) } })).toThrow(RangeError);
  });
});

describe('prepareForAppend', () => {
  it('parses data with the current schema and stamps the current version', () => {
    expect(
      prepareForAppend(
        registry,
        'PersonNamed',
        { firstName: 'Ada', lastName: 'L', title: 'Dr', extra: 1 },
        undefined,
      ),
    ).toEqual({ data: { firstName: 'Ada', lastName: 'L', title: 'Dr' }, schemaVersion: 3 });
  });

  it('names the type and the field path of invalid data', () => {
    const error = catchError(() =>
      prepareForAppend(registry, 'PersonNamed', { firstName: 'Ada', lastName: 7, title: 'Dr' }, undefined),
    );
    expect(error).toBeInstanceOf(EventValidationError);
    expect(error).toMatchObject({ eventType: 'PersonNamed', path: 'lastName' });
    expect(String(error)).toContain('PersonNamed');
    expect(String(error)).toContain('data.lastName');
  });

  it('refuses an unknown type and a schema version other than the current one', () => {
    expect(() => prepareForAppend(registry, 'Unknown', {}, undefined)).toThrow(EventValidationError);
    expect(() => prepareForAppend(registry, 'Gapless', { a: 1 }, 1)).toThrow(/current version is 2/);
  });
});

describe('upcastToCurrent', () => {
  it('applies the upcasters in sequence from the stored version, then parses', () => {
    expect(upcastToCurrent(registry, 'PersonNamed', 1, { name: 'Grace Hopper' })).toEqual({
      data: { firstName: 'Grace', lastName: 'Hopper', title: 'none' },
      schemaVersion: 3,
    });
    expect(upcastToCurrent(registry, 'PersonNamed', 2, { firstName: 'A', lastName: 'B' })).toEqual({
      data: { firstName: 'A', lastName: 'B', title: 'none' },
      schemaVersion: 3,
    });
  });

  it('passes types it does not know through unchanged', () => {
    expect(upcastToCurrent(registry, 'Other', 4, { x: 1 })).toEqual({ data: { x: 1 }, schemaVersion: 4 });
  });

  it('fails clearly on a missing upcaster or a version newer than the reader knows', () => {
    expect(() => upcastToCurrent(registry, 'Gapless', 1, { a: 1 })).toThrow(
      /no upcaster from schema version 1/,
    );
    expect(() => upcastToCurrent(registry, 'Gapless', 3, { a: 1 })).toThrow(/newer than the current version/);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
