import type { DrainCommand } from '@rollcall/contracts';
import { describe, expect, it } from 'vitest';
import { decideLifecycle, type LifecycleInput } from './decide-lifecycle';
import type { RunnerLifecycle, StopNotice } from './runner-lifecycle';

const drainCommand: DrainCommand = {
  reason: 'version_upgrade',
  supersededBy: 43,
  deadline: '2026-01-31T12:15:00.000Z',
};
const drain: LifecycleInput = { kind: 'drain', command: drainCommand };
const undrain: LifecycleInput = { kind: 'undrain', command: { reason: 'drain cancelled by alice' } };
const stop: LifecycleInput = { kind: 'stop', command: { reason: 'drain_complete', forced: false } };
const forcedStop: LifecycleInput = { kind: 'stop', command: { reason: 'drain_deadline', forced: true } };
const close: LifecycleInput = { kind: 'close', reason: 'SIGTERM', forced: false };

const active: RunnerLifecycle = { status: 'active' };
const draining: RunnerLifecycle = { status: 'draining', drain: drainCommand };
const graceful: StopNotice = { reason: 'drain_complete', forced: false, origin: 'rollcall' };
const stopping: RunnerLifecycle = { status: 'stopping', stop: graceful };
const stopped: RunnerLifecycle = { status: 'stopped', stop: graceful };

describe('decideLifecycle', () => {
  describe('when active', () => {
    it('a drain starts draining with its details', () => {
      expect(decideLifecycle(active, drain)).toEqual({ effect: 'drained', next: draining });
    });

    it('an undrain is ignored', () => {
      expect(decideLifecycle(active, undrain)).toEqual({
        effect: 'ignored',
        next: active,
        why: 'not draining',
      });
    });

    it('a stop starts stopping, from rollcall', () => {
      expect(decideLifecycle(active, stop)).toEqual({ effect: 'stopping', next: stopping });
    });

    it('a close starts stopping, from the process', () => {
      expect(decideLifecycle(active, close)).toEqual({
        effect: 'stopping',
        next: { status: 'stopping', stop: { reason: 'SIGTERM', forced: false, origin: 'process' } },
      });
    });
  });

  describe('when draining', () => {
    it('the same drain again is ignored', () => {
      expect(decideLifecycle(draining, drain)).toMatchObject({ effect: 'ignored', next: draining });
    });

    it('the same deadline written in another zone is the same drain', () => {
      const sameInstant: LifecycleInput = {
        kind: 'drain',
        command: { ...drainCommand, deadline: '2026-01-31T13:15:00+01:00' },
      };
      expect(decideLifecycle(draining, sameInstant).effect).toBe('ignored');
    });

    it('a drain with a new deadline updates the details without another transition', () => {
      const later: DrainCommand = {
        ...drainCommand,
        reason: 'operator',
        deadline: '2026-01-31T13:00:00.000Z',
      };
      expect(decideLifecycle(draining, { kind: 'drain', command: later })).toEqual({
        effect: 'updated',
        next: { status: 'draining', drain: later },
      });
    });

    it('an undrain reopens the runner', () => {
      expect(decideLifecycle(draining, undrain)).toEqual({ effect: 'undrained', next: active });
    });

    it('a forced stop starts stopping at once', () => {
      expect(decideLifecycle(draining, forcedStop)).toEqual({
        effect: 'stopping',
        next: { status: 'stopping', stop: { reason: 'drain_deadline', forced: true, origin: 'rollcall' } },
      });
    });
  });

  describe('when stopping', () => {
    it('a drain and an undrain are ignored', () => {
      expect(decideLifecycle(stopping, drain)).toEqual({
        effect: 'ignored',
        next: stopping,
        why: 'already stopping',
      });
      expect(decideLifecycle(stopping, undrain)).toMatchObject({ effect: 'ignored', next: stopping });
    });

    it('the same stop again is ignored', () => {
      expect(decideLifecycle(stopping, stop)).toMatchObject({ effect: 'ignored', next: stopping });
    });

    it('a forced stop escalates a graceful one, with its own reason', () => {
      expect(decideLifecycle(stopping, forcedStop)).toEqual({
        effect: 'forced',
        next: { status: 'stopping', stop: { reason: 'drain_deadline', forced: true, origin: 'rollcall' } },
      });
    });

    it('a forced stop while already forced is ignored', () => {
      const forced: RunnerLifecycle = { status: 'stopping', stop: { ...graceful, forced: true } };
      expect(decideLifecycle(forced, forcedStop)).toMatchObject({ effect: 'ignored', next: forced });
    });
  });

  describe('when stopped', () => {
    it.each([drain, undrain, stop, forcedStop, close])('%o is ignored', (input) => {
      expect(decideLifecycle(stopped, input)).toMatchObject({ effect: 'ignored', next: stopped });
    });
  });

  describe('before start', () => {
    it('a drain is ignored, a close stops', () => {
      const created: RunnerLifecycle = { status: 'created' };
      expect(decideLifecycle(created, drain)).toMatchObject({ effect: 'ignored', next: created });
      expect(decideLifecycle(created, close).effect).toBe('stopping');
    });
  });
});
