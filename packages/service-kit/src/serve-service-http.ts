import { type CreateServiceHttpOptions, createServiceHttp } from './create-service-http';
import { listenHttp } from './listen-http';
import type { ServiceContext } from './run-service';

export interface ServeServiceHttpOptions extends CreateServiceHttpOptions {
  port: number;
  onShutdown: ServiceContext['onShutdown'];
}

/**
 * Health, readiness and metrics for a service without routes of its own: created, closed on shutdown, and
 * listening on `port`. Called last in start-up, so shutdown stops answering before it stops the work.
 */
export async function serveServiceHttp({
  port,
  onShutdown,
  ...options
}: ServeServiceHttpOptions): Promise<void> {
  const http = createServiceHttp(options);
  onShutdown('http', () => http.close());
  await listenHttp(http, { port });
}
