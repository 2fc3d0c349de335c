import { z } from 'zod';

/** ISO-8601 date-time with seconds and an explicit zone (`Z` or `+02:00`), as `Date.prototype.toISOString` writes. */
export const IsoTimestamp = z.iso.datetime({
  offset: true,
  error: 'must be an ISO-8601 date-time with a zone, e.g. 2026-01-31T12:00:00.000Z',
});
export type IsoTimestamp = z.infer<typeof IsoTimestamp>;
