import type { ComponentChildren } from 'preact';
import type { Resource } from '../hooks/use-resource';
import { ErrorNotice } from './error-notice';

export interface PanelProps<T> {
  title: string;
  /** A test and a screen reader find the panel by it. */
  id: string;
  resource: Resource<T>;
  isEmpty: (data: T) => boolean;
  /** Shown instead of the content when `isEmpty`: says what would appear here, and when. */
  empty: ComponentChildren;
  /** Controls beside the title (filters). */
  tools?: ComponentChildren;
  children: (data: T) => ComponentChildren;
}

/** A titled section of the page in one of its states: loading, the API's error, empty, or its content. */
export function Panel<T>({ title, id, resource, isEmpty, empty, tools, children }: PanelProps<T>) {
  return (
    <section class="panel" id={id} aria-labelledby={`${id}-title`}>
      <header>
        <h2 id={`${id}-title`}>{title}</h2>
        {tools}
      </header>
      {resource.state === 'loading' ? (
        <p class="muted">Loading…</p>
      ) : resource.state === 'failed' ? (
        <ErrorNotice error={resource.error} what={`Reading ${title.toLowerCase()}`} />
      ) : isEmpty(resource.data) ? (
        <p class="empty">{empty}</p>
      ) : (
        children(resource.data)
      )}
    </section>
  );
}
