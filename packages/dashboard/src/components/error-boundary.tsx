import type { ComponentChildren } from 'preact';
import { useErrorBoundary } from 'preact/hooks';

/** A rendering failure (a bug, or an answer the page did not expect) shown as a message, never a blank page. */
export function ErrorBoundary({ children }: { children: ComponentChildren }) {
  const [error, reset] = useErrorBoundary();
  if (error === undefined) return <>{children}</>;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div class="notice error" role="alert">
      <strong>The dashboard failed to show this page</strong>: {message}
      <div class="hint">
        <button type="button" onClick={reset}>
          Try again
        </button>{' '}
        or reload the page; if it keeps failing, the browser console has the details.
      </div>
    </div>
  );
}
