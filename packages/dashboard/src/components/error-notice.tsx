import type { ApiError } from '../api/api-error';

/** An API error as the page shows it: what failed, and what to do when the answer is about the token. */
export function ErrorNotice({ error, what }: { error: ApiError; what: string }) {
  const hint =
    error.status === 401
      ? 'This API wants a valid token: paste one at the top (or forget the one it refused).'
      : error.status === 403
        ? 'The token is known but its role or namespace does not allow this.'
        : error.code === 'unreachable'
          ? 'Is the api service running and reachable?'
          : null;
  return (
    <div class="notice error" role="alert">
      <strong>{what} failed</strong>
      {error.status === null ? '' : ` (HTTP ${error.status}, ${error.code})`}: {error.message}
      {hint === null ? null : <div class="hint">{hint}</div>}
    </div>
  );
}
