/** The command line itself is wrong (a bad or missing argument): exit code 2, the message names the field. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
