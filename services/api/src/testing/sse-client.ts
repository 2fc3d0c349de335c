/** One block of a text/event-stream, as the test reads it. */
export type SseFrame =
  | { kind: 'message'; id: string | undefined; data: string }
  | { kind: 'comment'; text: string }
  | { kind: 'retry'; ms: number };

export interface SseClient {
  readonly status: number;
  readonly contentType: string | null;
  /** The next frame; null once the server ended the stream. */
  next(): Promise<SseFrame | null>;
  /** The next message, skipping comments and retry hints; null once the stream ended. */
  nextMessage(): Promise<Extract<SseFrame, { kind: 'message' }> | null>;
  /** The response body when the server answered with something other than a stream (an error). */
  text(): Promise<string>;
  close(): void;
}

/** A minimal EventSource for tests: a real HTTP request, frames parsed from the raw body. */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const body = response.body;
  if (body === null) throw new Error(`no body from ${url}`);
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';

  const next = async (): Promise<SseFrame | null> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        return parseBlock(block);
      }
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return null;
      buffer += chunk.value;
    }
  };

  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    next,
    async nextMessage() {
      for (;;) {
        const frame = await next();
        if (frame === null || frame.kind === 'message') return frame;
      }
    },
    async text() {
      let all = buffer;
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) return all;
        all += chunk.value;
      }
    },
    close: () => abort.abort(),
  };
}

function parseBlock(block: string): SseFrame {
  const lines = block.split('\n');
  const first = lines[0] ?? '';
  if (first.startsWith(':')) return { kind: 'comment', text: first.slice(1).trim() };
  if (first.startsWith('retry:')) return { kind: 'retry', ms: Number(first.slice(6).trim()) };
  let id: string | undefined;
  const data: string[] = [];
  for (const line of lines) {
    if (line.startsWith('id:')) id = line.slice(3).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  return { kind: 'message', id, data: data.join('\n') };
}
