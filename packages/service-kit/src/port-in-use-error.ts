/** Another process already listens on the port the service was told to use. */
export class PortInUseError extends Error {
  readonly port: number;

  constructor(port: number, options?: ErrorOptions) {
    super(
      `port ${port} is in use: set PORT to a free port or stop the process listening on ${port}`,
      options,
    );
    this.name = 'PortInUseError';
    this.port = port;
  }
}
