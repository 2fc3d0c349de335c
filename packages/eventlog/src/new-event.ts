import { z } from 'zod';

/** Who and what caused an event; free to carry more keys. */
export const EventMetadata = z.looseObject({
  correlationId: z.string().optional(),
  causationId: z.string().optional(),
  actor: z.string().optional(),
});
export type EventMetadata = z.infer<typeof EventMetadata>;

/** An event as handed to `append`: the caller chooses its id, which makes retries idempotent. */
export const NewEvent = z.object({
  eventId: z.guid(),
  type: z.string().min(1),
  data: z.unknown(),
  metadata: EventMetadata.optional(),
  /** Version of the data's schema; with a registry it must be the current one. @default 1 */
  schemaVersion: z.int().positive().optional(),
});
export type NewEvent = z.infer<typeof NewEvent>;
