import { describe, expect, it } from 'vitest';
import { EVENTLOG_FLAGS, parseEventlogOptions } from './eventlog-options';

describe('parseEventlogOptions', () => {
  it('has the brief’s full sizes by default', () => {
    const options = parseEventlogOptions({}, false);
    expect(options).toMatchObject({
      case: ['single', 'batch', 'read'],
      singleWriters: 8,
      batchWriters: 4,
      batchSize: 100,
      readEvents: 1_000_000,
    });
  });

  it('shrinks the sizes for a quick run', () => {
    expect(parseEventlogOptions({}, true).readEvents).toBeLessThan(1_000_000);
  });

  it('takes kebab-case flags over the defaults', () => {
    const options = parseEventlogOptions({ 'read-events': '5000', case: 'read, single' }, false);
    expect(options.readEvents).toBe(5000);
    expect(options.case).toEqual(['read', 'single']);
  });

  it('declares one flag per option', () => {
    expect(EVENTLOG_FLAGS).toContain('emmett-read-events');
    expect(EVENTLOG_FLAGS).toContain('single-appends');
  });

  it('refuses an unknown case and a size that is not a positive integer', () => {
    expect(() => parseEventlogOptions({ case: 'bulk' }, false)).toThrow();
    expect(() => parseEventlogOptions({ 'page-size': '0' }, false)).toThrow();
  });
});
