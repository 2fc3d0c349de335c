import type { RunnerCommandKind, RunnerMessageKind } from '../subjects';
import { DrainCommand } from './drain-command';
import { RunnerConnectedMessage } from './runner-connected-message';
import { RunnerDisconnectedMessage } from './runner-disconnected-message';
import { RunnerHeartbeatMessage } from './runner-heartbeat-message';
import { StopCommand } from './stop-command';
import { UndrainCommand } from './undrain-command';

/** The payload schema for each runner -> Rollcall subject kind (see `parseRunnerSubject`). */
export const runnerMessageSchemas = {
  connected: RunnerConnectedMessage,
  heartbeat: RunnerHeartbeatMessage,
  disconnected: RunnerDisconnectedMessage,
} as const satisfies Record<RunnerMessageKind, unknown>;

/** The payload schema for each Rollcall -> runner subject kind. */
export const runnerCommandSchemas = {
  drain: DrainCommand,
  stop: StopCommand,
  undrain: UndrainCommand,
} as const satisfies Record<RunnerCommandKind, unknown>;
