import type { RecordedEvent } from '@rollcall/eventlog';

/**
 * An event as the HTTP API's `/v1/events` shows it: `{position, stream, streamVersion, type, data, metadata,
 * recordedAt}`, positions and versions as decimal strings (int8 goes beyond what a JSON number holds).
 */
export function logEntryJson(event: RecordedEvent) {
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
