import { z } from 'zod';

/** Narrows a read to one stream, one category and/or some event types (all given conditions apply). */
export const EventFilter = z.object({
  streamName: z.string().optional(),
  category: z.string().optional(),
  types: z.array(z.string()).readonly().optional(),
});
export type EventFilter = z.infer<typeof EventFilter>;
