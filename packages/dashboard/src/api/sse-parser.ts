/** One server-sent event as the parser assembled it. */
export interface SseEvent {
  /** The `id:` field, when the event had one. */
  readonly id: string | undefined;
  /** The `data:` lines, joined with line breaks. */
  readonly data: string;
}

/** What the stream said between events: a new reconnect delay (`retry:`), in ms. */
export interface SseFrames {
  readonly events: SseEvent[];
  readonly retryMs: number | undefined;
}

/**
 * The text/event-stream framing, fed chunk by chunk (a chunk may end mid-line): an event ends at a blank
 * line; comment lines (`:`) are keep-alives and dropped. Pure, so the reconnecting reader stays small.
 */
export function createSseParser(): (chunk: string) => SseFrames {
  let buffer = '';
  let id: string | undefined;
  let data: string[] = [];
  return (chunk) => {
    buffer += chunk;
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop() ?? '';
    const events: SseEvent[] = [];
    let retryMs: number | undefined;
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0) events.push({ id, data: data.join('\n') });
        id = undefined;
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
      else if (field === 'retry' && /^\d+$/.test(value)) retryMs = Number(value);
    }
    return { events, retryMs };
  };
}
