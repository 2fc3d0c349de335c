import { describe, expect, it } from 'vitest';
import { parseUpArgs } from './up-args';

describe('parseUpArgs', () => {
  it('runs the demo by default, and not with --no-demo', () => {
    expect(parseUpArgs([])).toEqual({ demo: true });
    expect(parseUpArgs(['--no-demo'])).toEqual({ demo: false });
  });

  it('skips the -- that pnpm passes along', () => {
    expect(parseUpArgs(['--', '--no-demo'])).toEqual({ demo: false });
  });

  it('refuses an option it does not know, naming it', () => {
    expect(() => parseUpArgs(['--nodemo'])).toThrow(/--nodemo[\s\S]*usage: .\/dev up \[--no-demo\]/);
  });
});
