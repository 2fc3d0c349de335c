import { describe, expect, it } from 'vitest';
import { LauncherError } from './launcher-error';
import { localRunnerFlags, parseLocalRunnerConfig } from './local-runner-config';

describe('the local runner config', () => {
  it('turns each known key into an example-runner flag and ignores the others', () => {
    const config = parseLocalRunnerConfig({
      build: 'b-7',
      slots: 2,
      labels: { workspace: 'acme', tier: 'gold' },
      heartbeatMs: 500,
      sessionRate: 1.5,
      sessionMs: 200,
      stuck: true,
      crashAfterMs: 1500,
      region: 'eu',
    });
    expect(localRunnerFlags(config)).toEqual([
      ...['--build', 'b-7', '--slots', '2'],
      ...['--label', 'workspace=acme', '--label', 'tier=gold'],
      ...['--heartbeat-ms', '500', '--session-rate', '1.5', '--session-ms', '200', '--stuck'],
      ...['--crash-after-ms', '1500'],
    ]);
  });

  it('gives no flags for no config', () => {
    expect(localRunnerFlags(parseLocalRunnerConfig(undefined))).toEqual([]);
  });

  it('refuses a known key of the wrong type as a bad_request naming it under config', () => {
    const refused = (() => {
      try {
        parseLocalRunnerConfig({ slots: 0 });
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(LauncherError);
    expect(refused).toMatchObject({
      errorClass: 'bad_request',
      message: expect.stringMatching(/^config\.slots: /),
    });
  });
});
