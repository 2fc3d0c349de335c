import { describe, expect, it } from 'vitest';
import { parseJsonMessage } from './parse-message';
import { LauncherStatusReply } from './wire/launcher-status-reply';
import { RunnerConnectedMessage } from './wire/runner-connected-message';
import { RunnerHeartbeatMessage } from './wire/runner-heartbeat-message';

const encode = (text: string) => new TextEncoder().encode(text);

describe('parseJsonMessage', () => {
  it('parses a string payload and applies defaults', () => {
    const result = parseJsonMessage(
      RunnerConnectedMessage,
      '{"runnerId":"web-1","pool":"web","version":7,"serverId":"host-1"}',
    );
    expect(result).toEqual({
      ok: true,
      value: { runnerId: 'web-1', pool: 'web', version: 7, serverId: 'host-1', slots: 1, labels: {} },
    });
  });

  it('parses UTF-8 bytes, as a NATS message carries them', () => {
    const result = parseJsonMessage(
      RunnerHeartbeatMessage,
      encode('{"runnerId":"web-1","activeSessions":2}'),
    );
    expect(result).toEqual({ ok: true, value: { runnerId: 'web-1', activeSessions: 2 } });
  });

  it.each([
    ['text that is not JSON', 'hello'],
    ['truncated JSON', '{"runnerId":'],
    ['an empty payload', ''],
    ['bytes that are not UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])],
  ])('turns %s into an error result, not a throw', (_why, payload) => {
    const result = parseJsonMessage(RunnerHeartbeatMessage, payload);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/^payload is not valid UTF-8 JSON: /);
    expect(result.issues).toEqual([]);
  });

  it('names every failing field path in its error and keeps the zod issues', () => {
    const result = parseJsonMessage(
      RunnerConnectedMessage,
      '{"runnerId":"web.1","pool":"web","version":0,"labels":{"workspace":3}}',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBe(
      [
        'runnerId: must be 1 to 64 characters of A-Z, a-z, 0-9, "_" or "-"',
        'version: must be an integer from 1 to 2147483647',
        'serverId: Invalid input: expected string, received undefined',
        'labels.workspace: Invalid input: expected string, received number',
      ].join('; '),
    );
    expect(result.issues.map((issue) => issue.path)).toEqual([
      ['runnerId'],
      ['version'],
      ['serverId'],
      ['labels', 'workspace'],
    ]);
  });

  it('writes array indexes in brackets', () => {
    const result = parseJsonMessage(
      LauncherStatusReply,
      '{"runners":[{"runnerId":"web-1","pool":"web","version":1.5}],"cache":[]}',
    );
    expect(result.ok === false && result.error).toBe(
      'runners[0].version: must be an integer from 1 to 2147483647',
    );
  });

  it('reports a JSON value that is not an object at the root', () => {
    const result = parseJsonMessage(RunnerHeartbeatMessage, '[1,2]');
    expect(result.ok === false && result.error).toBe(
      '(root): Invalid input: expected object, received array',
    );
  });
});
