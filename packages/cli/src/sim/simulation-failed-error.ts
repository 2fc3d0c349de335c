/** The simulation could not go on (typically: publishing failed because the NATS connection closed). */
export class SimulationFailedError extends Error {
  override readonly name = 'SimulationFailedError';

  constructor(options: ErrorOptions) {
    super('fleet simulation failed', options);
  }
}
