import {
  DrainCommand,
  type ParseMessageResult,
  parseJsonMessage,
  type RunnerCommandKind,
  StopCommand,
  UndrainCommand,
} from '@rollcall/contracts';
import type { LifecycleInput } from './decide-lifecycle';

/** A command payload checked against its contract schema, as the lifecycle input it becomes. */
export function parseCommand(
  kind: RunnerCommandKind,
  payload: Uint8Array | string,
): ParseMessageResult<LifecycleInput> {
  switch (kind) {
    case 'drain': {
      const parsed = parseJsonMessage(DrainCommand, payload);
      return parsed.ok ? { ok: true, value: { kind, command: parsed.value } } : parsed;
    }
    case 'stop': {
      const parsed = parseJsonMessage(StopCommand, payload);
      return parsed.ok ? { ok: true, value: { kind, command: parsed.value } } : parsed;
    }
    case 'undrain': {
      const parsed = parseJsonMessage(UndrainCommand, payload);
      return parsed.ok ? { ok: true, value: { kind, command: parsed.value } } : parsed;
    }
  }
}
