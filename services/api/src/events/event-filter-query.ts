import type { EventFilter } from '@rollcall/eventlog';
import { z } from 'zod';

const EventType = z.string().min(1).max(256);

/**
 * The filters both event endpoints take. `type` may repeat (`?type=A&type=B`) or list types with commas
 * (`?type=A,B`); all given filters apply together.
 */
export const EventFilterQuery = z.object({
  stream: z.string().min(1).max(512).optional().describe('Only this stream, e.g. pool-acme+web.'),
  category: z.string().min(1).max(256).optional().describe('Only streams of this category, e.g. pool.'),
  type: z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((item) => item.split(',')))
    .pipe(z.array(EventType).min(1))
    .optional()
    .describe('Only these event types; repeat the parameter or separate types with commas.'),
});
export type EventFilterQuery = z.infer<typeof EventFilterQuery>;

/** The event log filter for the parsed query, undefined when nothing narrows the read. */
export function toEventFilter({ stream, category, type }: EventFilterQuery): EventFilter | undefined {
  if (stream === undefined && category === undefined && type === undefined) return undefined;
  return { streamName: stream, category, types: type };
}
