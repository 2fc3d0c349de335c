import type { LogEntry } from '@rollcall/contracts';
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { type ApiError, toApiError } from '../api/api-error';
import { followLog } from '../api/follow-log';
import { LogHeadReply } from '../api/replies';

/**
 * How many of the log's latest entries the tail keeps (and reads back when the page opens): the page shows
 * those of its namespace, so a busy other namespace can crowd them out.
 */
const TAIL_SIZE = 200;
/** Reads triggered by the stream are batched: a burst of events refreshes the panels once. */
const REFRESH_EVERY_MS = 300;
/**
 * The panels read projections, which trail the log (a loaded projector by more than a batch): read once more
 * this long after the last entry, so an answer read before the projector caught up is not the last word.
 */
const SETTLE_AFTER_MS = 1500;
/** Sessions and last-seen times come from heartbeats, which are not events: refresh on a timer as well. */
const IDLE_REFRESH_MS = 5000;
const HEAD_RETRY_MS = 2000;

export interface LiveLog {
  /** The highest position seen (the head when the page opened, then each live entry); null until known. */
  readonly head: bigint | null;
  /** The latest entries, newest last. */
  readonly tail: readonly LogEntry[];
  /**
   * Grows when entries arrive, once more when the projections should have caught up with them, and every
   * few seconds: the panels reload when it changes.
   */
  readonly revision: number;
  /** `live` while the stream is open; the error while it is broken and reconnecting. */
  readonly status:
    | { readonly state: 'connecting' | 'live' }
    | { readonly state: 'broken'; readonly error: ApiError };
}

/** The log's head, a tail of its latest entries, and a revision that moves with each commit, over SSE. */
export function useLiveLog(api: ApiClient): LiveLog {
  const [live, setLive] = useState<LiveLog>({
    head: null,
    tail: [],
    revision: 0,
    status: { state: 'connecting' },
  });

  useEffect(() => {
    const abort = new AbortController();
    let pending: LogEntry[] = [];
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    let settleTimer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => setLive((previous) => ({ ...previous, revision: previous.revision + 1 }));
    const idleRefresh = setInterval(refresh, IDLE_REFRESH_MS);
    const flush = () => {
      flushTimer = undefined;
      clearTimeout(settleTimer);
      settleTimer = setTimeout(refresh, SETTLE_AFTER_MS);
      const arrived = pending;
      pending = [];
      const newest = arrived.at(-1);
      if (newest === undefined) return;
      const position = BigInt(newest.position);
      setLive((previous) => ({
        ...previous,
        head: previous.head === null || position > previous.head ? position : previous.head,
        tail: [...previous.tail, ...arrived].slice(-TAIL_SIZE),
        revision: previous.revision + 1,
      }));
    };

    (async () => {
      // The head route answers like every read: while it fails (API down, a token needed) say so and retry.
      let head: bigint | undefined;
      while (head === undefined) {
        try {
          head = BigInt((await api.read('/v1/events/head', LogHeadReply, abort.signal)).position);
        } catch (error) {
          if (abort.signal.aborted) return;
          setLive((previous) => ({ ...previous, status: { state: 'broken', error: toApiError(error) } }));
          await new Promise((resolve) => setTimeout(resolve, HEAD_RETRY_MS));
          if (abort.signal.aborted) return;
        }
      }
      setLive((previous) => ({ ...previous, head }));
      const after = head > BigInt(TAIL_SIZE) ? head - BigInt(TAIL_SIZE) : 0n;
      for await (const item of followLog({ after, token: api.token, signal: abort.signal })) {
        if (item.kind === 'entry') {
          pending.push(item.entry);
          flushTimer ??= setTimeout(flush, REFRESH_EVERY_MS);
        } else if (item.kind === 'live') {
          setLive((previous) => ({
            ...previous,
            status: { state: 'live' },
            revision: previous.revision + 1,
          }));
        } else {
          setLive((previous) => ({ ...previous, status: { state: 'broken', error: item.error } }));
        }
      }
    })();

    return () => {
      abort.abort();
      clearTimeout(flushTimer);
      clearTimeout(settleTimer);
      clearInterval(idleRefresh);
    };
  }, [api]);

  return live;
}
