import { useEffect, useRef, useState } from 'preact/hooks';
import { type ApiError, toApiError } from '../api/api-error';

export type Resource<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly data: T }
  | { readonly state: 'failed'; readonly error: ApiError };

function sameKeys(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((key, index) => Object.is(key, b[index]));
}

/**
 * Loads `load` now and again when a key changes (the namespace, a filter, a position) or the revision moves
 * (the log grew). A new revision keeps the last answer on screen while the next one loads, so live updates
 * do not flicker; new keys show "loading" rather than the answer to another question. A failure replaces it.
 */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  keys: readonly unknown[],
  /** What moves without changing the question: the log's revision, or a time-travel position. */
  revision: unknown = 0,
): Resource<T> {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const loadedKeys = useRef<readonly unknown[] | null>(null);
  // The caller's keys say when `load` changes (a new closure each render otherwise).
  useEffect(() => {
    if (loadedKeys.current !== null && !sameKeys(loadedKeys.current, keys)) setResource({ state: 'loading' });
    loadedKeys.current = keys;
    const abort = new AbortController();
    load(abort.signal).then(
      (data) => abort.signal.aborted || setResource({ state: 'ready', data }),
      (error: unknown) => abort.signal.aborted || setResource({ state: 'failed', error: toApiError(error) }),
    );
    return () => abort.abort();
  }, [...keys, revision]);
  return resource;
}
