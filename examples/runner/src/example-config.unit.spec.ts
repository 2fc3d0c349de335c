import { describe, expect, it } from 'vitest';
import { ExampleConfigError, readExampleConfig } from './example-config';

describe('readExampleConfig', () => {
  it('reads the environment, and lets flags win', () => {
    const config = readExampleConfig(['--version', '7', '--label', 'workspace=acme', '--stuck'], {
      NATS_URL: 'nats://nats:4222',
      ROLLCALL_NATS_URL: 'nats://rollcall:4222',
      RUNNER_POOL: 'web',
      RUNNER_VERSION: '6',
      RUNNER_SERVER_ID: 'host-1',
      RUNNER_LABELS: 'region=eu',
      RUNNER_SESSION_RATE: '2.5',
    });
    expect(config).toMatchObject({
      natsUrl: 'nats://rollcall:4222',
      prefix: 'rollcall',
      namespace: 'default',
      pool: 'web',
      version: 7,
      serverId: 'host-1',
      labels: { workspace: 'acme' },
      sessionRate: 2.5,
      sessionMs: 1000,
      slots: 4,
      stuck: true,
    });
  });

  it('takes labels and the stuck switch from the environment too', () => {
    const config = readExampleConfig(['--pool', 'web', '--version', '1'], {
      RUNNER_LABELS: 'region=eu, tier=gold',
      RUNNER_STUCK: 'true',
    });
    expect(config).toMatchObject({ labels: { region: 'eu', tier: 'gold' }, stuck: true });
  });

  it('takes the crash knob from a flag or the environment, and leaves it off otherwise', () => {
    const base = ['--pool', 'web', '--version', '1'];
    expect(readExampleConfig([...base, '--crash-after-ms', '1500'], {}).crashAfterMs).toBe(1500);
    expect(readExampleConfig(base, { RUNNER_CRASH_AFTER_MS: '20' }).crashAfterMs).toBe(20);
    expect(readExampleConfig(base, {}).crashAfterMs).toBeUndefined();
  });

  it('names every bad field with the contract rules', () => {
    const read = () => readExampleConfig(['--pool', 'a.b', '--version', '0', '--slots', '0'], {});
    expect(read).toThrow(ExampleConfigError);
    expect(read).toThrow(/pool: .*version: .*slots: /);
  });

  it('refuses an unknown flag', () => {
    expect(() => readExampleConfig(['--pool', 'web', '--version', '1', '--speed', '9'], {})).toThrow(
      ExampleConfigError,
    );
  });
});
