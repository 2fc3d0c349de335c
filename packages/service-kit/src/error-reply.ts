import { z } from 'zod';

/** The body of every 4xx/5xx answer: a stable `error` code, a sentence, and for bad input the zod issues. */
export const ErrorReply = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string(), code: z.string() })).optional(),
});
export type ErrorReply = z.infer<typeof ErrorReply>;
