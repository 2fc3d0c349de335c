import { InfraError } from './infra-error';
import type { ServiceProcess } from './service-process';
import { waitUntil } from './wait-until';

export interface WaitReadyOptions {
  /** In milliseconds. */
  timeoutMs: number;
  /** Aborting it stops the wait (its reason is thrown). */
  signal?: AbortSignal;
}

async function answers200(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * Waits until the service answers 200 on /readyz. Fails at once, quoting its last lines, if it exits first,
 * and with the same quote when the time runs out.
 */
export async function waitReady(service: ServiceProcess, options: WaitReadyOptions): Promise<void> {
  const { name, port } = service.spec;
  const url = `http://127.0.0.1:${port}/readyz`;
  const exited = new AbortController();
  void service.exited.then((how) =>
    exited.abort(new InfraError(`${name} exited (${how}) before it was ready`)),
  );
  const signal = AbortSignal.any([exited.signal, ...(options.signal === undefined ? [] : [options.signal])]);
  try {
    await waitUntil(`${name} to answer 200 on ${url}`, () => answers200(url), {
      timeoutMs: options.timeoutMs,
      signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const what = error instanceof Error ? error.message : String(error);
    throw new InfraError(`${what}; its last lines:\n${service.output.quote()}`, { cause: error });
  }
}
