import { z } from 'zod';

/**
 * What a responder answers when it cannot serve a request: `class` is a stable code (`bad_request` for
 * input that fails the request schema, `internal_error` for a handler that failed), `message` a sentence,
 * and for bad input the issue paths. Same shape as the launcher contract's `{ok: false, error}`.
 */
export const ErrorReply = z.object({
  ok: z.literal(false),
  error: z.object({
    class: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorReply = z.infer<typeof ErrorReply>;
