import { describe, expect, it } from 'vitest';
import type { NatsUserPlan } from './nats-user-plan';
import { renderNatsConfig } from './render-nats-config';

const runner: NatsUserPlan = {
  user: 'runner.a',
  role: 'runner',
  namespace: 'a',
  serverId: null,
  publish: ['rollcall.v1.a.runner.connected', 'rollcall.v1.a.runner.heartbeat'],
  subscribe: ['rollcall.v1.a.runner.*.drain'],
  allowResponses: false,
};
const launcher: NatsUserPlan = {
  user: 'launcher.a.s1',
  role: 'launcher',
  namespace: 'a',
  serverId: 's1',
  publish: [],
  subscribe: ['rollcall.v1.a.launcher.s1.start'],
  allowResponses: true,
};

describe('renderNatsConfig', () => {
  const config = renderNatsConfig({
    account: 'ROLLCALL',
    prefix: 'rollcall',
    users: [runner, launcher],
    passwordHashes: new Map([
      ['runner.a', '$2b$04$hashOfRunnerA'],
      ['launcher.a.s1', '$2b$04$hashOfLauncher'],
    ]),
  });

  it('puts every user in one JetStream-enabled account, with its hash and never a password', () => {
    expect(config).toContain('accounts {\n  ROLLCALL {\n    jetstream: enabled\n    users: [');
    expect(config).toContain('user: "runner.a"\n        password: "$2b$04$hashOfRunnerA"');
  });

  it('writes allow lists, and a deny of everything for a user that publishes only replies', () => {
    expect(config).toContain(
      [
        '          publish: {',
        '            allow: [',
        '              "rollcall.v1.a.runner.connected",',
        '              "rollcall.v1.a.runner.heartbeat"',
        '            ]',
        '          }',
        '          subscribe: {',
        '            allow: [',
        '              "rollcall.v1.a.runner.*.drain"',
        '            ]',
        '          }',
        '        }',
      ].join('\n'),
    );
    expect(config).toContain(
      [
        '          publish: {',
        '            deny: [',
        '              ">"',
        '            ]',
        '          }',
        '          subscribe: {',
        '            allow: [',
        '              "rollcall.v1.a.launcher.s1.start"',
        '            ]',
        '          }',
        '          allow_responses: true',
      ].join('\n'),
    );
  });

  it('refuses to render a user it has no hash for', () => {
    expect(() =>
      renderNatsConfig({
        account: 'ROLLCALL',
        prefix: 'rollcall',
        users: [runner],
        passwordHashes: new Map(),
      }),
    ).toThrow(/no password hash for NATS user runner.a/);
  });
});
