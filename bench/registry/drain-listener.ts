import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { DrainCommand, parseJsonMessage } from '@rollcall/contracts';

export class DrainNoticeError extends Error {
  override readonly name = 'DrainNoticeError';
}

/** When each awaited drain command reached its runner's subject, as a runner listening on it sees it. */
export interface DrainArrivals {
  /** Arrival times (performance.now()) of the first and the last awaited drain. */
  readonly first: number;
  readonly last: number;
}

/**
 * Listens on every runner's drain subject of a namespace (`<prefix>.v1.<ns>.runner.*.drain`), as the
 * fleet's runners would, and resolves `expect(...)` once each named runner got its drain. Payloads must
 * parse with the contract's DrainCommand and name the expected `supersededBy`.
 */
export function drainListener(nc: NatsConnection, prefix: string, namespace: string) {
  const subjectHead = `${prefix}.v1.${namespace}.runner.`;
  let awaited = new Set<string>();
  let supersededBy = 0;
  let first = 0;
  let done: ((arrivals: DrainArrivals) => void) | undefined;
  let fail: ((error: Error) => void) | undefined;
  let unexpected = 0;
  const sub: Subscription = nc.subscribe(`${subjectHead}*.drain`, {
    callback: (_error, msg) => {
      const at = performance.now();
      const runnerId = msg.subject.slice(subjectHead.length, -'.drain'.length);
      if (!awaited.delete(runnerId)) {
        unexpected += 1;
        return;
      }
      const parsed = parseJsonMessage(DrainCommand, msg.data);
      if (!parsed.ok || parsed.value.supersededBy !== supersededBy) {
        fail?.(new DrainNoticeError(`drain for ${runnerId} does not name version ${supersededBy}`));
        return;
      }
      if (first === 0) first = at;
      if (awaited.size === 0) done?.({ first, last: at });
    },
  });
  return {
    ready: () => nc.flush(),
    /** Drains arriving for runners nobody waited for (repeats of a relay retry, or a wrong target). */
    get unexpected() {
      return unexpected;
    },
    expect(runnerIds: readonly string[], version: number, timeoutMs = 30_000): Promise<DrainArrivals> {
      awaited = new Set(runnerIds);
      supersededBy = version;
      first = 0;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new DrainNoticeError(`${awaited.size} of ${runnerIds.length} drains did not arrive`)),
          timeoutMs,
        );
        done = (arrivals) => {
          clearTimeout(timer);
          resolve(arrivals);
        };
        fail = (error) => {
          clearTimeout(timer);
          reject(error);
        };
      });
    },
    close: () => sub.unsubscribe(),
  };
}
