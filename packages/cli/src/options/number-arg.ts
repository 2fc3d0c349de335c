import { z } from 'zod';

/** A whole number typed on the command line (digits only), handed to `target` for its range. */
export function intArg<Target extends z.ZodType<unknown, number>>(target: Target) {
  return z.string().regex(/^\d+$/, { error: 'must be a whole number' }).transform(Number).pipe(target);
}

/** A decimal number typed on the command line (e.g. `1.5`), handed to `target` for its range. */
export function decimalArg<Target extends z.ZodType<unknown, number>>(target: Target) {
  return z
    .string()
    .regex(/^\d+(?:\.\d+)?$/, { error: 'must be a number, e.g. 30 or 1.5' })
    .transform(Number)
    .pipe(target);
}
