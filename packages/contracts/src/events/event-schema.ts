import { z } from 'zod';
import { EventMetadata } from './event-metadata';

/** An Emmett event `{type, data, metadata?}` whose literal `type` lets a category's events form one union. */
export function eventSchema<const Type extends string, Data extends z.ZodType>(type: Type, data: Data) {
  return z.object({
    type: z.literal(type),
    data,
    metadata: EventMetadata.optional(),
  });
}
