import { useEffect, useState } from 'preact/hooks';
import { type ApiError, toApiError } from '../api/api-error';

export type Resource<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly data: T }
  | { readonly state: 'failed'; readonly error: ApiError };

/**
 * Loads `load` now and again whenever a key changes (the namespace, a filter, the log's revision). The last
 * answer stays on screen while the next one loads, so live updates do not flicker; a failure replaces it.
 */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  keys: readonly unknown[],
): Resource<T> {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  // The caller's keys say when `load` changes (a new closure each render otherwise).
  useEffect(() => {
    const abort = new AbortController();
    load(abort.signal).then(
      (data) => abort.signal.aborted || setResource({ state: 'ready', data }),
      (error: unknown) => abort.signal.aborted || setResource({ state: 'failed', error: toApiError(error) }),
    );
    return () => abort.abort();
  }, keys);
  return resource;
}
