import { describe, expect, it } from 'vitest';
import { InvalidTokenError } from './invalid-token-error';
import {
  DEFAULT_SUBJECT_PREFIX,
  launcherSubject,
  parseQuerySubject,
  parseRunnerSubject,
  querySubject,
  queryWildcard,
  RunnerMessageKind,
  runnerCommandSubject,
  runnerMessageSubject,
  runnerMessageWildcard,
} from './subjects';

const BAD_TOKENS = ['a.b', '*', '>', 'a b', '', 'a'.repeat(65), 'acme+web'];

describe('subject builders', () => {
  it('build the contract subjects under the default prefix', () => {
    expect(DEFAULT_SUBJECT_PREFIX).toBe('rollcall');
    expect(runnerMessageSubject('rollcall', 'acme', 'connected')).toBe('rollcall.v1.acme.runner.connected');
    expect(runnerMessageSubject('rollcall', 'acme', 'heartbeat')).toBe('rollcall.v1.acme.runner.heartbeat');
    expect(runnerMessageSubject('rollcall', 'acme', 'disconnected')).toBe(
      'rollcall.v1.acme.runner.disconnected',
    );
    expect(runnerCommandSubject('rollcall', 'acme', 'web-1', 'drain')).toBe(
      'rollcall.v1.acme.runner.web-1.drain',
    );
    expect(runnerCommandSubject('rollcall', 'acme', 'web-1', 'stop')).toBe(
      'rollcall.v1.acme.runner.web-1.stop',
    );
    expect(runnerCommandSubject('rollcall', 'acme', 'web-1', 'undrain')).toBe(
      'rollcall.v1.acme.runner.web-1.undrain',
    );
    expect(launcherSubject('rollcall', 'acme', 'host-1', 'start')).toBe(
      'rollcall.v1.acme.launcher.host-1.start',
    );
    expect(launcherSubject('rollcall', 'acme', 'host-1', 'stop')).toBe(
      'rollcall.v1.acme.launcher.host-1.stop',
    );
    expect(launcherSubject('rollcall', 'acme', 'host-1', 'status')).toBe(
      'rollcall.v1.acme.launcher.host-1.status',
    );
    expect(querySubject('rollcall', 'acme', 'placement')).toBe('rollcall.v1.acme.query.placement');
  });

  it('take a configured, multi-token prefix', () => {
    expect(runnerMessageSubject('test_x1.rollcall', 'acme', 'heartbeat')).toBe(
      'test_x1.rollcall.v1.acme.runner.heartbeat',
    );
  });

  it('build the ingest wildcards, per kind and for all three kinds', () => {
    expect(runnerMessageWildcard('rollcall', 'connected')).toBe('rollcall.v1.*.runner.connected');
    expect(runnerMessageWildcard('rollcall')).toBe('rollcall.v1.*.runner.*');
  });

  it.each(BAD_TOKENS)('reject the namespace %j', (namespace) => {
    expect(() => runnerMessageSubject('rollcall', namespace, 'connected')).toThrow(InvalidTokenError);
  });

  it.each(BAD_TOKENS)('reject the runnerId, serverId and query name %j', (token) => {
    expect(() => runnerCommandSubject('rollcall', 'acme', token, 'drain')).toThrow(/invalid runnerId/);
    expect(() => launcherSubject('rollcall', 'acme', token, 'start')).toThrow(/invalid serverId/);
    expect(() => querySubject('rollcall', 'acme', token)).toThrow(/invalid query name/);
  });

  it.each(['', '.rollcall', 'rollcall.', 'a..b', 'a.*', 'a.>', 'roll call'])(
    'reject the prefix %j',
    (prefix) => {
      expect(() => runnerMessageSubject(prefix, 'acme', 'connected')).toThrow(/invalid prefix/);
      expect(() => runnerMessageWildcard(prefix)).toThrow(InvalidTokenError);
    },
  );

  it('say which field and value were wrong, keeping the zod error as cause', () => {
    const error = captureError(() => runnerCommandSubject('rollcall', 'acme', 'web.1', 'stop'));
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect(error).toMatchObject({ name: 'InvalidTokenError', field: 'runnerId', value: 'web.1' });
    expect(String(error)).toContain('invalid runnerId "web.1": must be 1 to 64 characters');
    expect(error instanceof Error && error.cause).toBeTruthy();
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('parseRunnerSubject', () => {
  it.each(RunnerMessageKind.options)('round-trips the %s subject', (kind) => {
    const subject = runnerMessageSubject('rollcall', 'my-org', kind);
    expect(parseRunnerSubject('rollcall', subject)).toEqual({ namespace: 'my-org', kind });
  });

  it('reads subjects under a multi-token prefix', () => {
    expect(parseRunnerSubject('a.b', 'a.b.v1.acme.runner.heartbeat')).toEqual({
      namespace: 'acme',
      kind: 'heartbeat',
    });
  });

  it.each([
    ['another prefix', 'other.v1.acme.runner.connected'],
    ['a prefix that only starts the same', 'rollcallx.v1.acme.runner.connected'],
    ['another protocol version', 'rollcall.v2.acme.runner.connected'],
    ['a command subject', 'rollcall.v1.acme.runner.web-1.drain'],
    ['an unknown kind', 'rollcall.v1.acme.runner.exploded'],
    ['a launcher subject', 'rollcall.v1.acme.launcher.host-1'],
    ['a namespace outside the identifier charset', 'rollcall.v1.ac%me.runner.connected'],
    ['a missing namespace', 'rollcall.v1.runner.connected'],
    ['an empty subject', ''],
  ])('returns null for %s', (_why, subject) => {
    expect(parseRunnerSubject('rollcall', subject)).toBeNull();
  });
});

describe('query subjects', () => {
  it('listen on every namespace', () => {
    expect(queryWildcard('rollcall', 'workers')).toBe('rollcall.v1.*.query.workers');
    expect(queryWildcard('acme.rollcall', 'place')).toBe('acme.rollcall.v1.*.query.place');
  });

  it('read the namespace back from a subject', () => {
    expect(parseQuerySubject('acme.rollcall', 'worker', 'acme.rollcall.v1.team-a.query.worker')).toBe(
      'team-a',
    );
  });

  it.each([
    'rollcall.v1.acme.query.pools',
    'other.v1.acme.query.worker',
    'rollcall.v1.a.b.query.worker',
    'rollcall.v1..query.worker',
  ])('refuse %s as a worker query', (subject) => {
    expect(parseQuerySubject('rollcall', 'worker', subject)).toBeNull();
  });
});
