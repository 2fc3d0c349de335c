import { describe, expect, it } from 'vitest';
import { BaseServiceEnv, envPort } from './base-service-env';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/rollcall';

function configErrorFrom(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig with the base service environment', () => {
  it('fills in the defaults around the one required variable', () => {
    expect(loadConfig(BaseServiceEnv, { DATABASE_URL })).toEqual({
      DATABASE_URL,
      NATS_URL: 'nats://127.0.0.1:4222',
      PORT: 8080,
      LOG_LEVEL: 'info',
      ROLLCALL_SUBJECT_PREFIX: 'rollcall',
    });
  });

  it('reads every variable it knows and ignores the rest of the environment', () => {
    const config = loadConfig(BaseServiceEnv, {
      DATABASE_URL,
      NATS_URL: 'nats://a:4222,tls://b:4222',
      PORT: '9000',
      LOG_LEVEL: 'debug',
      ROLLCALL_SUBJECT_PREFIX: 'acme.rollcall',
      ROLLCALL_ADMIN_TOKEN: 'a-secret-of-16-chars',
      HOME: '/root',
    });
    expect(config).toEqual({
      DATABASE_URL,
      NATS_URL: 'nats://a:4222,tls://b:4222',
      PORT: 9000,
      LOG_LEVEL: 'debug',
      ROLLCALL_SUBJECT_PREFIX: 'acme.rollcall',
      ROLLCALL_ADMIN_TOKEN: 'a-secret-of-16-chars',
    });
  });

  it('treats an empty value as unset', () => {
    const config = loadConfig(BaseServiceEnv, { DATABASE_URL, PORT: '', ROLLCALL_ADMIN_TOKEN: '' });
    expect(config.PORT).toBe(8080);
    expect(config.ROLLCALL_ADMIN_TOKEN).toBeUndefined();
  });

  it('names a missing variable and how to set it, on one line', () => {
    const error = configErrorFrom(() => loadConfig(BaseServiceEnv, {}));
    expect(error.message).toBe(
      'DATABASE_URL is not set: set DATABASE_URL to a Postgres URL, e.g. postgres://postgres@127.0.0.1:5432/rollcall',
    );
  });

  it('reports every bad variable, one line each, without echoing their values', () => {
    const error = configErrorFrom(() =>
      loadConfig(BaseServiceEnv, {
        DATABASE_URL: 'mysql://x',
        PORT: 'abc',
        LOG_LEVEL: 'loud',
        NATS_URL: 'http://nats:4222',
        ROLLCALL_SUBJECT_PREFIX: 'rollcall.*',
        ROLLCALL_ADMIN_TOKEN: 'short-secret',
      }),
    );
    expect(error.problems.map((problem) => problem.variable).sort()).toEqual([
      'DATABASE_URL',
      'LOG_LEVEL',
      'NATS_URL',
      'PORT',
      'ROLLCALL_ADMIN_TOKEN',
      'ROLLCALL_SUBJECT_PREFIX',
    ]);
    const lines = error.message.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines).toContain(
      'PORT is invalid (must be an integer from 1 to 65535): set PORT to a free TCP port from 1 to 65535 (default 8080)',
    );
    expect(error.message).not.toContain('short-secret');
  });

  it.each(['0', '65536', '80.5', '-1'])('refuses PORT=%s', (port) => {
    const error = configErrorFrom(() => loadConfig(BaseServiceEnv, { DATABASE_URL, PORT: port }));
    expect(error.problems).toEqual([expect.objectContaining({ variable: 'PORT' })]);
  });

  it('lets a service extend the base with its own default port and variables', () => {
    const RegistryEnv = BaseServiceEnv.extend({ PORT: envPort(8081) });
    expect(loadConfig(RegistryEnv, { DATABASE_URL }).PORT).toBe(8081);
  });
});
