import { describe, expect, it } from 'vitest';
import { describeIssues } from '../describe-issues';
import { DrainCommand } from './drain-command';
import { LauncherStartReply } from './launcher-start-reply';
import { LauncherStartRequest } from './launcher-start-request';
import { LauncherStatusReply } from './launcher-status-reply';
import { LauncherStatusRequest } from './launcher-status-request';
import { LauncherStopRequest } from './launcher-stop-request';
import { RunnerConnectedMessage } from './runner-connected-message';
import { RunnerDisconnectedMessage } from './runner-disconnected-message';
import { RunnerHeartbeatMessage } from './runner-heartbeat-message';
import { runnerCommandSchemas, runnerMessageSchemas } from './runner-message-schemas';
import { StopCommand } from './stop-command';
import { UndrainCommand } from './undrain-command';
import { wireMessages } from './wire-messages';

const connected = { runnerId: 'web-1', pool: 'web', version: 42, serverId: 'host-1' };

function errorOf(result: { error?: { issues: Parameters<typeof describeIssues>[0] } }): string {
  return describeIssues(result.error?.issues ?? []);
}

describe('RunnerConnectedMessage', () => {
  it('fills slots and labels with their defaults', () => {
    expect(RunnerConnectedMessage.parse(connected)).toEqual({ ...connected, slots: 1, labels: {} });
  });

  it('keeps the optional fields', () => {
    const full = {
      ...connected,
      build: 'abc123',
      slots: 4,
      labels: { workspace: 'acme' },
      sentAt: '2026-01-31T12:00:00Z',
    };
    expect(RunnerConnectedMessage.parse(full)).toEqual(full);
  });

  it.each([
    ['a runnerId with a dot', { ...connected, runnerId: 'web.1' }, 'runnerId: must be 1 to 64 characters'],
    ['a wildcard pool', { ...connected, pool: '*' }, 'pool: must be 1 to 64 characters'],
    ['a serverId of 65 characters', { ...connected, serverId: 's'.repeat(65) }, 'serverId: must be 1 to 64'],
    ['version 0', { ...connected, version: 0 }, 'version: must be an integer from 1 to 2147483647'],
    ['version 2147483648', { ...connected, version: 2_147_483_648 }, 'version: must be an integer'],
    ['a fractional version', { ...connected, version: 1.5 }, 'version: must be an integer'],
    ['0 slots', { ...connected, slots: 0 }, 'slots:'],
    [
      'a timestamp without a zone',
      { ...connected, sentAt: '2026-01-31T12:00:00' },
      'sentAt: must be an ISO-8601',
    ],
    ['a numeric label', { ...connected, labels: { workspace: 1 } }, 'labels.workspace:'],
  ])('rejects %s', (_why, payload, error) => {
    const result = RunnerConnectedMessage.safeParse(payload);
    expect(result.success).toBe(false);
    expect(errorOf(result)).toContain(error);
  });

  it.each(['runnerId', 'pool', 'version', 'serverId'])('requires %s', (field) => {
    const result = RunnerConnectedMessage.safeParse({ ...connected, [field]: undefined });
    expect(errorOf(result)).toContain(`${field}:`);
  });
});

describe('RunnerHeartbeatMessage', () => {
  it('accepts 0 sessions', () => {
    expect(RunnerHeartbeatMessage.parse({ runnerId: 'web-1', activeSessions: 0 })).toEqual({
      runnerId: 'web-1',
      activeSessions: 0,
    });
  });

  it.each([-1, 0.5, '3'])('rejects activeSessions %j', (activeSessions) => {
    expect(RunnerHeartbeatMessage.safeParse({ runnerId: 'web-1', activeSessions }).success).toBe(false);
  });

  it('requires activeSessions', () => {
    expect(errorOf(RunnerHeartbeatMessage.safeParse({ runnerId: 'web-1' }))).toContain('activeSessions:');
  });
});

describe('RunnerDisconnectedMessage', () => {
  it('needs only the runnerId', () => {
    expect(RunnerDisconnectedMessage.parse({ runnerId: 'web-1' })).toEqual({ runnerId: 'web-1' });
  });
});

describe('DrainCommand', () => {
  const drain = { reason: 'version_upgrade', supersededBy: 43, deadline: '2026-01-31T12:15:00.000Z' };

  it.each(['version_upgrade', 'operator', 'server_drain', 'rollout'])('accepts reason %s', (reason) => {
    expect(DrainCommand.parse({ ...drain, reason }).reason).toBe(reason);
  });

  it('rejects an unknown reason and a missing deadline', () => {
    expect(errorOf(DrainCommand.safeParse({ ...drain, reason: 'bored' }))).toContain('reason:');
    expect(errorOf(DrainCommand.safeParse({ reason: 'operator' }))).toContain('deadline:');
  });
});

describe('StopCommand and UndrainCommand', () => {
  it('accept the contract shape', () => {
    expect(StopCommand.parse({ reason: 'drain_deadline', forced: true })).toEqual({
      reason: 'drain_deadline',
      forced: true,
    });
    expect(UndrainCommand.parse({ reason: 'cancelled' })).toEqual({ reason: 'cancelled' });
  });

  it('require forced to be a boolean', () => {
    expect(errorOf(StopCommand.safeParse({ reason: 'operator', forced: 'yes' }))).toContain('forced:');
  });
});

describe('launcher messages', () => {
  const start = {
    pool: 'web',
    version: 43,
    artifact: 'registry.example.com/acme/web:43',
    forceRefresh: false,
  };

  it('accept a start request with and without the optional fields', () => {
    expect(LauncherStartRequest.parse(start)).toEqual(start);
    const full = {
      ...start,
      digest: 'sha256:9f86d081884c7d65',
      config: { maxSessions: 4, nested: { a: [1] } },
    };
    expect(LauncherStartRequest.parse(full)).toEqual(full);
  });

  it('reject a start request with a malformed digest or without forceRefresh', () => {
    expect(errorOf(LauncherStartRequest.safeParse({ ...start, digest: 'abc' }))).toContain('digest:');
    expect(errorOf(LauncherStartRequest.safeParse({ ...start, forceRefresh: undefined }))).toContain(
      'forceRefresh:',
    );
  });

  it('tell the two start replies apart on ok', () => {
    expect(LauncherStartReply.parse({ ok: true, runnerId: 'web-2' })).toEqual({
      ok: true,
      runnerId: 'web-2',
    });
    const failed = { ok: false, error: { class: 'artifact_invalid', message: 'digest mismatch' } };
    expect(LauncherStartReply.parse(failed)).toEqual(failed);
  });

  it.each([
    ['ok true without a runnerId', { ok: true }, 'runnerId:'],
    ['ok false without an error', { ok: false }, 'error:'],
    ['an unknown error class', { ok: false, error: { class: 'oops', message: 'x' } }, 'error.class:'],
    ['no ok at all', { runnerId: 'web-2' }, 'ok:'],
  ])('reject a start reply with %s', (_why, payload, error) => {
    expect(errorOf(LauncherStartReply.safeParse(payload))).toContain(error);
  });

  it('accept stop and status requests', () => {
    expect(LauncherStopRequest.parse({ runnerId: 'web-2' })).toEqual({ runnerId: 'web-2' });
    expect(LauncherStatusRequest.parse({})).toEqual({});
  });

  it('name the nested path of a bad status reply', () => {
    const reply = { runners: [{ runnerId: 'web-2', pool: 'web', version: 0 }], cache: [] };
    expect(errorOf(LauncherStatusReply.safeParse(reply))).toContain('runners[0].version:');
  });
});

describe('every wire message', () => {
  const valid: Record<keyof typeof wireMessages, Record<string, unknown>> = {
    RunnerConnectedMessage: connected,
    RunnerHeartbeatMessage: { runnerId: 'web-1', activeSessions: 1 },
    RunnerDisconnectedMessage: { runnerId: 'web-1' },
    DrainCommand: { reason: 'operator', deadline: '2026-01-31T12:15:00Z' },
    StopCommand: { reason: 'operator', forced: false },
    UndrainCommand: { reason: 'cancelled' },
    LauncherStartRequest: { pool: 'web', version: 1, artifact: 'a', forceRefresh: true },
    LauncherStartReply: { ok: true, runnerId: 'web-2' },
    LauncherStopRequest: { runnerId: 'web-2' },
    LauncherStatusRequest: {},
    LauncherStatusReply: { runners: [], cache: [] },
  };

  const validByName = new Map(Object.entries(valid));

  it.each(Object.entries(wireMessages))(
    '%s ignores unknown fields instead of rejecting them',
    (name, schema) => {
      const payload = validByName.get(name);
      expect(schema.safeParse(payload).success).toBe(true);
      const parsed = schema.parse({ ...payload, addedInV1_1: { anything: true } });
      expect(parsed).not.toHaveProperty('addedInV1_1');
    },
  );

  it.each(Object.entries(wireMessages))('%s rejects a non-object payload', (_name, schema) => {
    expect(schema.safeParse('hello').success).toBe(false);
    expect(schema.safeParse(null).success).toBe(false);
  });
});

describe('schemas by subject kind', () => {
  it('map each runner subject kind to its payload schema', () => {
    expect(runnerMessageSchemas.heartbeat).toBe(RunnerHeartbeatMessage);
    expect(runnerCommandSchemas.drain).toBe(DrainCommand);
    expect(Object.keys(runnerMessageSchemas)).toEqual(['connected', 'heartbeat', 'disconnected']);
    expect(Object.keys(runnerCommandSchemas)).toEqual(['drain', 'stop', 'undrain']);
  });
});
