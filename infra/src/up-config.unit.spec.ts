import { describe, expect, it } from 'vitest';
import { loadUpConfig, servicesLogLevel } from './up-config';

describe('loadUpConfig', () => {
  it('defaults everything and makes up an admin token, saying so', () => {
    expect(loadUpConfig({}, () => 'generated-token-0123456789')).toEqual({
      PORT: 8080,
      LOG_LEVEL: 'info',
      ROLLCALL_SUBJECT_PREFIX: 'rollcall',
      ROLLCALL_ADMIN_TOKEN: 'generated-token-0123456789',
      adminTokenGenerated: true,
    });
  });

  it('keeps what the environment sets', () => {
    const env = {
      PORT: '9090',
      LOG_LEVEL: 'debug',
      ROLLCALL_ADMIN_TOKEN: 'a-token-of-at-least-16',
      ROLLCALL_SUBJECT_PREFIX: 'acme',
    };
    expect(loadUpConfig(env)).toEqual({
      PORT: 9090,
      LOG_LEVEL: 'debug',
      ROLLCALL_SUBJECT_PREFIX: 'acme',
      ROLLCALL_ADMIN_TOKEN: 'a-token-of-at-least-16',
      adminTokenGenerated: false,
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => loadUpConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadUpConfig({ ROLLCALL_SUBJECT_PREFIX: 'a.b' })).toThrow(/ROLLCALL_SUBJECT_PREFIX/);
  });
});

describe('servicesLogLevel', () => {
  const quiet = loadUpConfig({}, () => 'generated-token-0123456789');

  it('keeps the services quiet below warnings while the demo runs, unless LOG_LEVEL says otherwise', () => {
    expect(servicesLogLevel({}, quiet, true)).toBe('warn');
    expect(servicesLogLevel({}, quiet, false)).toBe('info');
    const env = { LOG_LEVEL: 'debug' };
    expect(servicesLogLevel(env, loadUpConfig(env), true)).toBe('debug');
  });
});
