/** One or more shutdown steps threw; the process exits non-zero so the orchestrator notices. */
export class ShutdownFailedError extends Error {
  readonly failedSteps: readonly string[];

  constructor(failedSteps: readonly string[], options?: ErrorOptions) {
    super(`shutdown steps failed: ${failedSteps.join(', ')}`, options);
    this.name = 'ShutdownFailedError';
    this.failedSteps = failedSteps;
  }
}
