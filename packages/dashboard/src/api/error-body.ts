import { z } from 'zod';

/**
 * What the api answers with a 4xx or 5xx (service-kit's ErrorReply, which lives in a Node-only package):
 * read loosely, since a proxy in front may answer something else entirely.
 */
export const ErrorBody = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** The message with each zod issue's path, as the API named them. */
export function describeErrorBody({ message, issues }: ErrorBody): string {
  if (issues === undefined || issues.length === 0) return message;
  return `${message} (${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')})`;
}
