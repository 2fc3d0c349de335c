import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error';

describe('describeError', () => {
  it('follows the cause chain on one line', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5999'), { code: 'ECONNREFUSED' });
    expect(describeError(new Error('migration failed', { cause }))).toBe(
      'migration failed: connect ECONNREFUSED 127.0.0.1:5999',
    );
  });

  it('falls back to the code when the message is empty', () => {
    const error = Object.assign(new AggregateError([], ''), { code: 'ECONNREFUSED' });
    expect(describeError(error)).toBe('ECONNREFUSED');
  });

  it('describes non-errors', () => {
    expect(describeError('boom')).toBe('boom');
  });
});
