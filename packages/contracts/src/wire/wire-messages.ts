import { DrainCommand } from './drain-command';
import { LauncherStartReply } from './launcher-start-reply';
import { LauncherStartRequest } from './launcher-start-request';
import { LauncherStatusReply } from './launcher-status-reply';
import { LauncherStatusRequest } from './launcher-status-request';
import { LauncherStopRequest } from './launcher-stop-request';
import { RunnerConnectedMessage } from './runner-connected-message';
import { RunnerDisconnectedMessage } from './runner-disconnected-message';
import { RunnerHeartbeatMessage } from './runner-heartbeat-message';
import { StopCommand } from './stop-command';
import { UndrainCommand } from './undrain-command';

/** Every payload of the public wire contract, by schema name: the source of docs/protocol/*.json. */
export const wireMessages = {
  RunnerConnectedMessage,
  RunnerHeartbeatMessage,
  RunnerDisconnectedMessage,
  DrainCommand,
  StopCommand,
  UndrainCommand,
  LauncherStartRequest,
  LauncherStartReply,
  LauncherStopRequest,
  LauncherStatusRequest,
  LauncherStatusReply,
} as const;
export type WireMessageName = keyof typeof wireMessages;
