import type { FastifyInstance } from 'fastify';
import { PortInUseError } from './port-in-use-error';

export interface ListenHttpOptions {
  port: number;
  /** @default '0.0.0.0' so the port is reachable from other containers and hosts. */
  host?: string;
}

/** Listens, turning "address in use" into a {@link PortInUseError} that names the port and the fix. */
export async function listenHttp(
  app: Pick<FastifyInstance, 'listen'>,
  { port, host = '0.0.0.0' }: ListenHttpOptions,
): Promise<string> {
  try {
    return await app.listen({ port, host });
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
      throw new PortInUseError(port, { cause: error });
    }
    throw error;
  }
}
