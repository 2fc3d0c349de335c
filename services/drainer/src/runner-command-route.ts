import {
  DrainCommand,
  RunnerDrainRequestedData,
  RunnerStopRequestedData,
  RunnerUndrainedData,
  runnerCommandSubject,
  StopCommand,
  UndrainCommand,
} from '@rollcall/contracts';
import type { OutgoingMessage, RecordedEvent } from '@rollcall/eventlog';

/** The pool events that become a command to one runner. */
export const RUNNER_COMMAND_EVENT_TYPES = [
  'RunnerDrainRequested',
  'RunnerStopRequested',
  'RunnerUndrained',
] as const;

/**
 * The message a pool event sends its runner, on `<prefix>.v1.<ns>.runner.<runnerId>.drain|stop|undrain`,
 * with the event id as `Nats-Msg-Id` (a re-send after a crash carries the same id, and runners treat a
 * repeat as a no-op). Event data and command payloads are both parsed with the contract's schemas, so
 * a malformed one throws and the relay parks the event instead of sending something runners would refuse.
 */
export function routeRunnerCommand(prefix: string, event: RecordedEvent): OutgoingMessage[] {
  switch (event.type) {
    case 'RunnerDrainRequested': {
      const { namespace, runnerId, reason, supersededBy, deadline } = RunnerDrainRequestedData.parse(
        event.data,
      );
      const payload = DrainCommand.parse({
        reason,
        deadline,
        ...(supersededBy === undefined ? {} : { supersededBy }),
      });
      return [
        {
          subject: runnerCommandSubject(prefix, namespace, runnerId, 'drain'),
          payload,
          msgId: event.eventId,
        },
      ];
    }
    case 'RunnerStopRequested': {
      const { namespace, runnerId, reason, forced } = RunnerStopRequestedData.parse(event.data);
      const payload = StopCommand.parse({ reason, forced });
      return [
        { subject: runnerCommandSubject(prefix, namespace, runnerId, 'stop'), payload, msgId: event.eventId },
      ];
    }
    case 'RunnerUndrained': {
      const { namespace, runnerId, requestedBy } = RunnerUndrainedData.parse(event.data);
      const payload = UndrainCommand.parse({ reason: `drain cancelled by ${requestedBy}` });
      return [
        {
          subject: runnerCommandSubject(prefix, namespace, runnerId, 'undrain'),
          payload,
          msgId: event.eventId,
        },
      ];
    }
    default:
      return [];
  }
}
