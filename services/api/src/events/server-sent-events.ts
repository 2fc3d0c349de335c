import { once } from 'node:events';
import type { ServerResponse } from 'node:http';

export interface SseMessage {
  /** Sent as `id:`; the browser's EventSource sends the last one back as `Last-Event-ID` when it reconnects. */
  id: string;
  /** One line of text (JSON never holds a raw line break). */
  data: string;
}

/**
 * Writes the server-sent events framing to a raw response, waiting for the socket to drain before the next
 * write so a slow client holds one buffer, not the log. Writes after `signal` aborted are dropped.
 */
export function serverSentEvents(response: ServerResponse, signal: AbortSignal) {
  const write = async (chunk: string): Promise<void> => {
    if (signal.aborted || response.writableEnded) return;
    if (response.write(chunk)) return;
    await once(response, 'drain', { signal }).catch(() => undefined);
  };
  return {
    /** Sends the status and headers now, so the client sees the stream open before the first event. */
    open(retryMs: number): Promise<void> {
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // nginx buffers proxied responses unless told otherwise.
        'x-accel-buffering': 'no',
      });
      return write(`retry: ${retryMs}\n\n`);
    },
    send({ id, data }: SseMessage): Promise<void> {
      return write(`id: ${id}\ndata: ${data}\n\n`);
    },
    /** A comment line: clients ignore it; proxies and load balancers see traffic and keep the connection. */
    comment(text: string): Promise<void> {
      return write(`: ${text}\n\n`);
    },
    /**
     * Ends the response; resolves once it is flushed (or the socket is gone). A client that stopped reading
     * is cut off instead of waited for: it resumes from its Last-Event-ID when it reconnects.
     */
    end(): Promise<void> {
      if (response.writableFinished || response.destroyed) return Promise.resolve();
      if (response.writableNeedDrain) {
        response.destroy();
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        response.once('close', resolve);
        response.end(resolve);
      });
    },
  };
}
