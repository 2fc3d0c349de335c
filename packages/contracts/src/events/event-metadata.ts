import { z } from 'zod';
import { Actor } from '../actor';
import { RunnerId } from '../identifiers';

/** Emmett-style event metadata. Other keys pass through untouched: tracing and tooling add their own. */
export const EventMetadata = z.looseObject({
  correlationId: z.string().min(1).optional(),
  causationId: z.string().min(1).optional(),
  actor: Actor.optional(),
  runnerId: RunnerId.optional(),
});
export type EventMetadata = z.infer<typeof EventMetadata>;
