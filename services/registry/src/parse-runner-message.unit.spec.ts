import { describe, expect, it } from 'vitest';
import { parseRunnerMessage } from './parse-runner-message';

const bytes = (payload: unknown) => new TextEncoder().encode(JSON.stringify(payload));

describe('parseRunnerMessage', () => {
  it('reads the namespace and kind from the subject and the payload by kind', () => {
    const parsed = parseRunnerMessage(
      'acme.rollcall',
      'acme.rollcall.v1.team-a.runner.connected',
      bytes({ runnerId: 'web-1', pool: 'web', version: 3, serverId: 'host-1', extra: true }),
    );
    expect(parsed).toEqual({
      ok: true,
      message: {
        kind: 'connected',
        namespace: 'team-a',
        payload: { runnerId: 'web-1', pool: 'web', version: 3, serverId: 'host-1', slots: 1, labels: {} },
      },
    });
  });

  it('names the failing field of a payload, with the kind it was meant to be', () => {
    const parsed = parseRunnerMessage(
      'rollcall',
      'rollcall.v1.acme.runner.heartbeat',
      bytes({ runnerId: 'w' }),
    );
    expect(parsed).toMatchObject({ ok: false, kind: 'heartbeat' });
    expect(!parsed.ok && parsed.error).toMatch(/^activeSessions:/);
  });

  it('says when the payload is not JSON', () => {
    const parsed = parseRunnerMessage(
      'rollcall',
      'rollcall.v1.acme.runner.disconnected',
      new Uint8Array([0xff]),
    );
    expect(!parsed.ok && parsed.error).toMatch(/not valid UTF-8 JSON/);
  });

  it.each([
    'rollcall.v1.a+b.runner.connected',
    'rollcall.v1.acme.runner.exploded',
    'other.v1.acme.runner.connected',
  ])('refuses the subject %s without looking at the payload', (subject) => {
    const parsed = parseRunnerMessage('rollcall', subject, bytes({}));
    expect(parsed).toMatchObject({ ok: false, kind: undefined });
    expect(!parsed.ok && parsed.error).toMatch(/^subject: /);
  });
});
