import { initialAccessState } from '@rollcall/domain';
import type { EventLogDatabase } from '@rollcall/eventlog';
import type { Kysely } from 'kysely';
import { accessStreamVersion, foldAccessStream, type LoadedAccess } from './fold-access-stream';

/** The access tokens of the log, kept in memory between requests. */
export interface AccessTokens {
  /**
   * The tokens as of at least the stream version committed when called: a created token works and a revoked
   * one stops working on the very next request, on every replica. Costs one primary-key read when nothing
   * changed; only new events are folded when something did.
   */
  current(): Promise<LoadedAccess>;
}

export function accessTokens(db: Kysely<EventLogDatabase>): AccessTokens {
  let loaded: LoadedAccess = { state: initialAccessState(), version: 0n };
  // Concurrent requests that find the stream moved share one fold.
  let folding: Promise<LoadedAccess> | null = null;

  const fold = () => {
    folding ??= foldAccessStream(db, loaded)
      .then((next) => {
        loaded = next;
        return next;
      })
      .finally(() => {
        folding = null;
      });
    return folding;
  };

  return {
    async current() {
      const version = await accessStreamVersion(db);
      // A fold already under way may have started before `version` committed: fold until it is covered.
      while (loaded.version < version) await fold();
      return loaded;
    },
  };
}
