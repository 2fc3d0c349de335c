import { describe, expect, it } from 'vitest';
import { InvalidTokenError } from './invalid-token-error';
import { REGISTRY_CONSUMER_NAME, runnerIngestStreamName } from './jetstream-names';

describe('runnerIngestStreamName', () => {
  it('upper-cases the prefix and turns its dots into underscores', () => {
    expect(runnerIngestStreamName('rollcall')).toBe('ROLLCALL_RUNNERS');
    expect(runnerIngestStreamName('acme.rollcall')).toBe('ACME_ROLLCALL_RUNNERS');
    expect(runnerIngestStreamName('t-1_x')).toBe('T-1_X_RUNNERS');
  });

  it.each(['', 'a.', 'a b', '*', 'a.>'])('refuses the prefix %j', (prefix) => {
    expect(() => runnerIngestStreamName(prefix)).toThrow(InvalidTokenError);
  });
});

describe('REGISTRY_CONSUMER_NAME', () => {
  it('is the one durable name registry replicas share', () => {
    expect(REGISTRY_CONSUMER_NAME).toBe('registry');
  });
});
