import { ConfigError, loadConfig } from '@rollcall/service-kit';
import { describe, expect, it } from 'vitest';
import { ApiEnv } from './config';

const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/rollcall';

describe('ApiEnv: ROLLCALL_ANONYMOUS_READS', () => {
  it('is off unless set to true', () => {
    expect(loadConfig(ApiEnv, { DATABASE_URL }).ROLLCALL_ANONYMOUS_READS).toBe(false);
    expect(loadConfig(ApiEnv, { DATABASE_URL, ROLLCALL_ANONYMOUS_READS: '' }).ROLLCALL_ANONYMOUS_READS).toBe(
      false,
    );
    expect(
      loadConfig(ApiEnv, { DATABASE_URL, ROLLCALL_ANONYMOUS_READS: 'true' }).ROLLCALL_ANONYMOUS_READS,
    ).toBe(true);
  });

  it('names the variable and the values it takes when set to anything else', () => {
    const load = () => loadConfig(ApiEnv, { DATABASE_URL, ROLLCALL_ANONYMOUS_READS: 'yes' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/ROLLCALL_ANONYMOUS_READS.*must be true or false/s);
  });
});
