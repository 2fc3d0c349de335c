import type { DrainCommand } from '@rollcall/contracts';

/**
 * Where a runner process is in its life. `created`: not started yet. `active`: takes sessions.
 * `draining`: takes no new sessions, finishes the ones it holds. `stopping`: told to stop (or closing),
 * waiting for its sessions unless `forced`. `stopped`: `disconnected` published, connection released.
 */
export type RunnerLifecycle =
  | { readonly status: 'created' }
  | { readonly status: 'active' }
  | { readonly status: 'draining'; readonly drain: DrainCommand }
  | { readonly status: 'stopping'; readonly stop: StopNotice }
  | { readonly status: 'stopped'; readonly stop: StopNotice };

export type RunnerStatus = RunnerLifecycle['status'];

/**
 * Why a runner stops. `origin: 'rollcall'` for a `stop` command (`reason` is the contract's `StopReason`),
 * `'process'` for the process's own `close()` (e.g. on SIGTERM), `'connection'` when its NATS connection
 * was closed under it (nothing could be published then).
 */
export type StopNotice = {
  readonly reason: string;
  readonly forced: boolean;
  readonly origin: 'rollcall' | 'process' | 'connection';
};

export const initialLifecycle: RunnerLifecycle = { status: 'created' };
