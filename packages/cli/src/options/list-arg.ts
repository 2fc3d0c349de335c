import { z } from 'zod';

/** A comma-separated list (`1,2` or `a, b`), each item handed to `item`. */
export function listArg<Item extends z.ZodType<unknown, string>>(item: Item) {
  return z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    )
    .pipe(z.array(item).min(1, { error: 'must list at least one value' }));
}
