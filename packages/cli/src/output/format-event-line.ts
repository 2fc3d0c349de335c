import type { RecordedEvent } from '@rollcall/eventlog';

const DATA_WIDTH = 120;

function shortData(data: unknown): string {
  const text = JSON.stringify(data) ?? 'null';
  return text.length <= DATA_WIDTH ? text : `${text.slice(0, DATA_WIDTH - 1)}…`;
}

/** One event on one line: position, stream@version, type, then its data cut to a glance. */
export function formatEventLine(event: RecordedEvent): string {
  const position = event.globalPosition.toString().padStart(8);
  const stream = `${event.streamName}@${event.streamVersion}`;
  return `${position}  ${stream.padEnd(28)}  ${event.type.padEnd(22)}  ${shortData(event.data)}`;
}
