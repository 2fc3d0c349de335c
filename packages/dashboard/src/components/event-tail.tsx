import { type LogEntry, parseStreamName } from '@rollcall/contracts';
import type { LiveLog } from '../hooks/use-live-log';
import { ErrorNotice } from './error-notice';

/** Entries shown, newest first. */
const SHOWN = 50;

export interface EventTailProps {
  live: LiveLog;
  namespace: string;
}

/** An entry belongs to a namespace when its stream's first id part (message-db's cardinal id) is that namespace. */
function inNamespace(entry: LogEntry, namespace: string): boolean {
  return parseStreamName(entry.stream)?.idParts[0] === namespace;
}

/** A line of the entry's data, for a person (the full entry is in `GET /v1/events`). */
function summary(entry: LogEntry): string {
  const text = JSON.stringify(entry.data);
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

/** The latest log entries of the namespace, newest first, as they are committed (over SSE). */
export function EventTail({ live, namespace }: EventTailProps) {
  const entries = live.tail
    .filter((entry) => inNamespace(entry, namespace))
    .slice(-SHOWN)
    .reverse();
  return (
    <section class="panel" id="events" aria-labelledby="events-title">
      <header>
        <h2 id="events-title">Event log</h2>
        <span class={`badge ${live.status.state}`} id="live-status">
          {live.status.state === 'live'
            ? 'live'
            : live.status.state === 'connecting'
              ? 'connecting…'
              : 'reconnecting'}
        </span>
      </header>
      {live.status.state === 'broken' ? (
        <ErrorNotice error={live.status.error} what="The live event stream" />
      ) : null}
      {entries.length === 0 ? (
        <p class="empty">No recent events in {namespace}: new ones appear here as they are committed.</p>
      ) : (
        <ol class="tail">
          {entries.map((entry) => (
            <li key={entry.position} data-type={entry.type}>
              <span class="position">#{entry.position}</span>
              <span class="muted">{new Date(entry.recordedAt).toLocaleTimeString()}</span>
              <strong>{entry.type}</strong>
              <span class="muted">{entry.stream}</span>
              <code>{summary(entry)}</code>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
