import { isPortFree } from './free-port';
import { InfraError } from './infra-error';
import { type ServiceProcess, type SpawnServiceOptions, spawnService } from './service-process';
import type { ServiceSpec } from './services';
import { waitReady } from './wait-ready';

export interface StartServicesOptions extends SpawnServiceOptions {
  /** How long each service may take to answer 200 on /readyz. In milliseconds. */
  readyTimeoutMs: number;
  /** How long a service gets to exit after SIGTERM when starting fails. In milliseconds. */
  stopGraceMs: number;
  /** Aborting it stops waiting (the services started so far are stopped). */
  signal?: AbortSignal;
}

/** Fails with the first service whose port something already listens on. */
export async function assertPortsFree(specs: readonly ServiceSpec[]): Promise<void> {
  for (const { name, port } of specs) {
    if (!(await isPortFree(port))) {
      const hint = name === 'api' ? ', or set PORT to another port' : '';
      throw new InfraError(`port ${port} (${name}) is already in use: stop what listens there${hint}`);
    }
  }
}

/**
 * Starts every service with PORT set to its own port (over its own `env`) and waits until each is ready. If one fails, the
 * others are stopped and the error names it.
 */
export async function startServices(
  specs: readonly ServiceSpec[],
  options: StartServicesOptions,
): Promise<ServiceProcess[]> {
  const running = specs.map((spec) =>
    spawnService(spec, { ...options, env: { ...options.env, ...spec.env, PORT: String(spec.port) } }),
  );
  const giveUp = new AbortController();
  const signal = AbortSignal.any([giveUp.signal, ...(options.signal === undefined ? [] : [options.signal])]);
  try {
    await Promise.all(
      running.map((service) => waitReady(service, { timeoutMs: options.readyTimeoutMs, signal })),
    );
    return running;
  } catch (error) {
    giveUp.abort(error);
    await stopServices(running, options.stopGraceMs);
    throw error;
  }
}

export async function stopServices(running: readonly ServiceProcess[], graceMs: number): Promise<void> {
  await Promise.all(running.map((service) => service.stop(graceMs)));
}
