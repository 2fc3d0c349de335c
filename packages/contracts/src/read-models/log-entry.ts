import { z } from 'zod';
import { PositionString } from '../log-position';
import { IsoTimestamp } from '../timestamp';

/**
 * One log entry as Rollcall shows it: the API's `GET /v1/events` and live stream, and the CLI's `--json`.
 * `data` and `metadata` are as stored: an audit feed shows history as written, even types this build does
 * not know.
 */
export const LogEntry = z.object({
  position: PositionString,
  stream: z.string(),
  streamVersion: PositionString,
  type: z.string(),
  data: z.unknown(),
  metadata: z.record(z.string(), z.unknown()),
  recordedAt: IsoTimestamp,
});
export type LogEntry = z.infer<typeof LogEntry>;

/** What `toLogEntry` reads of a recorded event (the event log's `RecordedEvent` has it). */
export interface LogEntrySource {
  globalPosition: bigint;
  streamName: string;
  streamVersion: bigint;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedAt: Date;
}

/** Positions and versions become decimal strings: int8 goes beyond what a JSON number holds exactly. */
export function toLogEntry(event: LogEntrySource): LogEntry {
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
