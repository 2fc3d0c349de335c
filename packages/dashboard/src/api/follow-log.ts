import { LogEntry } from '@rollcall/contracts';
import { ApiError } from './api-error';
import { describeErrorBody, ErrorBody } from './error-body';
import { createSseParser } from './sse-parser';

export type LogFeedItem =
  | { readonly kind: 'entry'; readonly entry: LogEntry }
  /** The stream is open (again): everything after `after` follows. */
  | { readonly kind: 'live' }
  /** The stream failed or ended; it reconnects after `retryMs`, resuming after the last entry seen. */
  | { readonly kind: 'interrupted'; readonly error: ApiError; readonly retryMs: number };

export interface FollowLogOptions {
  /** Entries after this position. */
  after: bigint;
  token: string | null;
  signal: AbortSignal;
}

const DEFAULT_RETRY_MS = 2000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

async function failureOf(response: Response): Promise<ApiError> {
  const body = ErrorBody.safeParse(await response.json().catch(() => null));
  return body.success
    ? new ApiError(response.status, body.data.error, describeErrorBody(body.data))
    : new ApiError(response.status, 'http_error', `the live event stream answered ${response.status}`);
}

/**
 * `GET /v1/events/stream`, followed for good: yields each log entry, and says when the stream opens or
 * breaks. Read with fetch rather than EventSource, which cannot send `Authorization`; on a break it
 * reconnects from the last position it yielded, as EventSource would with Last-Event-ID.
 */
export async function* followLog({ after, token, signal }: FollowLogOptions): AsyncGenerator<LogFeedItem> {
  let last = after;
  let retryMs = DEFAULT_RETRY_MS;
  while (!signal.aborted) {
    let failure: ApiError;
    try {
      const headers: Record<string, string> = { accept: 'text/event-stream' };
      if (token !== null) headers.authorization = `Bearer ${token}`;
      const response = await fetch(`/v1/events/stream?after=${last}`, { headers, signal });
      if (!response.ok || response.body === null) throw await failureOf(response);
      yield { kind: 'live' };
      const parse = createSseParser();
      const decoder = new TextDecoder();
      for await (const bytes of response.body) {
        const frames = parse(decoder.decode(bytes, { stream: true }));
        retryMs = frames.retryMs ?? retryMs;
        for (const event of frames.events) {
          const entry = LogEntry.safeParse(JSON.parse(event.data));
          if (!entry.success) continue;
          last = BigInt(entry.data.position);
          yield { kind: 'entry', entry: entry.data };
        }
      }
      failure = new ApiError(null, 'stream_ended', 'the live event stream ended');
    } catch (error) {
      if (signal.aborted) return;
      failure =
        error instanceof ApiError
          ? error
          : new ApiError(null, 'unreachable', `the live event stream broke (${String(error)})`, {
              cause: error,
            });
    }
    yield { kind: 'interrupted', error: failure, retryMs };
    await sleep(retryMs, signal);
  }
}
