import type { DrainCommand, UndrainCommand } from '@rollcall/contracts';
import type { RunnerStatus, StopNotice } from './runner-lifecycle';
import type { RunnerMsgIds } from './runner-msg-ids';
import type { Session } from './session';

/** Runs once per drain (not on repeats); new sessions are already refused when it runs. */
export type DrainHook = (drain: DrainCommand) => void | Promise<void>;
/** Runs when an operator cancels the drain; new sessions are already accepted again. */
export type UndrainHook = (undrain: UndrainCommand) => void | Promise<void>;
/**
 * Runs once when the runner starts stopping, before it waits for its sessions (or, when `forced`, right
 * after their signals were aborted): the place to wind work down. `disconnected` goes out after it.
 */
export type StopHook = (stop: StopNotice) => void | Promise<void>;

/** What a runner process embeds: see `createRunner`. */
export interface Runner {
  readonly runnerId: string;
  /** Random per runner object; part of every `Nats-Msg-Id` it publishes. */
  readonly incarnation: string;
  readonly msgIds: RunnerMsgIds;
  readonly status: RunnerStatus;
  /** The drain being carried out, or null. */
  readonly drain: DrainCommand | null;
  /** Sessions open right now (what the heartbeats report). */
  readonly activeSessions: number;
  /** The `slots` announced in `connected`. */
  readonly capacity: number;
  /** Whether `openSession()` would succeed (the runner is neither draining nor stopping). */
  readonly accepting: boolean;
  /** Resolves, never rejects, once `disconnected` is published and the connection released. */
  readonly stopped: Promise<StopNotice>;

  /**
   * Connects (with `natsUrl`), subscribes to the runner's drain/stop/undrain subjects, publishes
   * `connected`, then heartbeats until stopped. Calling it again returns the same promise.
   */
  start(): Promise<void>;
  /**
   * Counts one session for as long as `work` runs. Throws `RunnerDrainingError` (and does not call
   * `work`) while the runner is draining, stopping or stopped.
   */
  session<T>(work: (session: Session) => Promise<T> | T): Promise<T>;
  /** The same as `session`, for work that does not fit one function: call `end()` when it is done. */
  openSession(): Session;
  /** Each returns a function that removes the hook. Hooks run one at a time; a failing hook is logged. */
  onDrain(hook: DrainHook): () => void;
  onUndrain(hook: UndrainHook): () => void;
  onStop(hook: StopHook): () => void;
  /**
   * The process's own exit (e.g. on SIGTERM): like a `stop` command, refuses new sessions, runs the stop
   * hooks, waits for the open sessions unless `forced`, publishes `disconnected {reason}` and releases
   * the connection. A forced close also cuts short a graceful stop already waiting.
   */
  close(reason?: string, options?: { forced?: boolean }): Promise<StopNotice>;
}
