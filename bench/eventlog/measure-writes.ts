import { type RunnerConnectedData, runnerConnected } from './runner-connected';
import type { StoreUnderTest } from './store-under-test';

export interface WriteLoad {
  readonly writers: number;
  readonly appendsPerWriter: number;
  readonly eventsPerAppend: number;
}

/**
 * Runs `writers` concurrent writers, each appending to a stream of its own with the expected version it last
 * got back, and returns events per second over the whole load. Payloads are built before the clock starts.
 */
export async function measureWrites(
  store: StoreUnderTest,
  load: WriteLoad,
  streamPrefix: string,
): Promise<number> {
  const work = Array.from({ length: load.writers }, (_, writer) => ({
    streamName: `runner-${streamPrefix}w${writer}`,
    appends: Array.from({ length: load.appendsPerWriter }, (_, append) =>
      Array.from(
        { length: load.eventsPerAppend },
        (_, event): RunnerConnectedData =>
          runnerConnected(1 + ((writer * load.appendsPerWriter + append) * load.eventsPerAppend + event)),
      ),
    ),
  }));
  const started = performance.now();
  await Promise.all(
    work.map(async ({ streamName, appends }) => {
      let version = 0n;
      for (const events of appends) {
        await store.append(streamName, version, events);
        version += BigInt(events.length);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return (load.writers * load.appendsPerWriter * load.eventsPerAppend) / seconds;
}
