import type { DrainCommand, StopCommand, UndrainCommand } from '@rollcall/contracts';
import type { RunnerLifecycle, StopNotice } from './runner-lifecycle';

/** What can change a runner's lifecycle: Rollcall's three commands, and the process closing itself. */
export type LifecycleInput =
  | { readonly kind: 'drain'; readonly command: DrainCommand }
  | { readonly kind: 'undrain'; readonly command: UndrainCommand }
  | { readonly kind: 'stop'; readonly command: StopCommand }
  | { readonly kind: 'close'; readonly reason: string; readonly forced: boolean };

/**
 * `drained`, `undrained`, `stopping`: a transition, the hooks run. `forced`: a stop already under way
 * must now end at once. `updated`: the drain's details changed (e.g. a new deadline), no hook runs.
 * `ignored`: nothing changes, `why` says why (a repeat, or a command the current status rules out).
 */
export type LifecycleDecision =
  | {
      readonly effect: 'drained' | 'undrained' | 'stopping' | 'forced' | 'updated';
      readonly next: RunnerLifecycle;
    }
  | { readonly effect: 'ignored'; readonly next: RunnerLifecycle; readonly why: string };

/**
 * Pure: the next lifecycle for an input. Rollcall sends commands at least once, so every repeat lands on
 * `ignored`; a drain or undrain never reopens a runner that is stopping, and a stop only ever escalates.
 */
export function decideLifecycle(state: RunnerLifecycle, input: LifecycleInput): LifecycleDecision {
  switch (input.kind) {
    case 'drain':
      return drain(state, input.command);
    case 'undrain':
      return undrain(state);
    case 'stop':
      return stop(state, {
        reason: input.command.reason,
        forced: input.command.forced,
        origin: 'rollcall',
      });
    case 'close':
      return stop(state, { reason: input.reason, forced: input.forced, origin: 'process' });
    default:
      return unknownInput(input);
  }
}

function unknownInput(input: never): never {
  throw new TypeError(`unknown lifecycle input: ${JSON.stringify(input)}`);
}

function drain(state: RunnerLifecycle, command: DrainCommand): LifecycleDecision {
  switch (state.status) {
    case 'created':
      return ignored(state, 'the runner has not started');
    case 'active':
      return { effect: 'drained', next: { status: 'draining', drain: command } };
    case 'draining':
      return sameDrain(state.drain, command)
        ? ignored(state, 'already draining')
        : { effect: 'updated', next: { status: 'draining', drain: command } };
    case 'stopping':
    case 'stopped':
      return ignored(state, `already ${state.status}`);
  }
}

function undrain(state: RunnerLifecycle): LifecycleDecision {
  switch (state.status) {
    case 'draining':
      return { effect: 'undrained', next: { status: 'active' } };
    case 'created':
    case 'active':
      return ignored(state, 'not draining');
    case 'stopping':
    case 'stopped':
      return ignored(state, `already ${state.status}`);
  }
}

function stop(state: RunnerLifecycle, notice: StopNotice): LifecycleDecision {
  switch (state.status) {
    case 'created':
    case 'active':
    case 'draining':
      return { effect: 'stopping', next: { status: 'stopping', stop: notice } };
    case 'stopping':
      // A graceful stop still waiting for sessions gives way to a forced one (the deadline passed).
      return notice.forced && !state.stop.forced
        ? { effect: 'forced', next: { status: 'stopping', stop: notice } }
        : ignored(state, 'already stopping');
    case 'stopped':
      return ignored(state, 'already stopped');
  }
}

function sameDrain(a: DrainCommand, b: DrainCommand): boolean {
  return (
    a.reason === b.reason &&
    a.supersededBy === b.supersededBy &&
    Date.parse(a.deadline) === Date.parse(b.deadline)
  );
}

function ignored(state: RunnerLifecycle, why: string): LifecycleDecision {
  return { effect: 'ignored', next: state, why };
}
