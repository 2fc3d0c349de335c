/** What an `ensure*` call had to do to make the server's config match. */
export type EnsureOutcome = 'created' | 'updated' | 'unchanged';
