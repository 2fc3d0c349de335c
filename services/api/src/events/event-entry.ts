import { IsoTimestamp } from '@rollcall/contracts';
import type { RecordedEvent } from '@rollcall/eventlog';
import { z } from 'zod';
import { PositionString } from '../log-position';

/**
 * One log entry as the API shows it, on `GET /v1/events` and on the live stream. `data` and `metadata` are
 * as stored: an audit feed shows history as written, even types this build does not know.
 */
export const EventEntry = z.object({
  position: PositionString,
  stream: z.string(),
  streamVersion: PositionString,
  type: z.string(),
  data: z.unknown(),
  metadata: z.record(z.string(), z.unknown()),
  recordedAt: IsoTimestamp,
});
export type EventEntry = z.infer<typeof EventEntry>;

export function toEventEntry(event: RecordedEvent): EventEntry {
  return {
    position: event.globalPosition.toString(),
    stream: event.streamName,
    streamVersion: event.streamVersion.toString(),
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt.toISOString(),
  };
}
