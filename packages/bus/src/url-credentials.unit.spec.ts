import { describe, expect, it } from 'vitest';
import { liftUrlCredentials } from './url-credentials';

describe('liftUrlCredentials', () => {
  it('leaves URLs without user info as they are', () => {
    expect(liftUrlCredentials(['nats://127.0.0.1:4222', 'nats-2:4222'])).toEqual({
      servers: ['nats://127.0.0.1:4222', 'nats-2:4222'],
    });
  });

  it('takes user and password out of every URL, decoded, from the first that has them', () => {
    expect(
      liftUrlCredentials(['nats://runner.acme:p%40ss@n1:4222', 'nats://n2:4222', 'tls://other:x@n3:4222']),
    ).toEqual({
      servers: ['nats://n1:4222', 'nats://n2:4222', 'tls://n3:4222'],
      user: 'runner.acme',
      pass: 'p@ss',
    });
  });

  it('reads a user info without a password as a token, as nats.go does', () => {
    expect(liftUrlCredentials(['nats://s3cret@n1:4222'])).toEqual({
      servers: ['nats://n1:4222'],
      token: 's3cret',
    });
  });
});
