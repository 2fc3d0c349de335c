import { collectGarbage } from '../collect-garbage';
import { startPeakRss } from '../peak-rss';
import type { ReadRange, StoreUnderTest } from './store-under-test';

export interface ReadMeasurement {
  readonly perSecond: number;
  readonly events: number;
  /** RSS after a full GC, just before the read. */
  readonly rssBeforeBytes: number;
  readonly peakRssBytes: number;
  /** RSS when a quarter, half, three quarters and all of the events were read: flat means a plateau, not a ramp. */
  readonly rssByQuarterBytes: readonly number[];
}

export class ReadCheckFailedError extends Error {
  override readonly name = 'ReadCheckFailedError';
  constructor(
    readonly store: string,
    readonly expected: number,
    readonly read: number,
    readonly decoded: number,
  ) {
    super(
      `${store} read ${read} events (${decoded} decoded to RunnerConnected objects), expected ${expected}`,
    );
  }
}

/** Reads the ranges one after another, touching every decoded payload, and samples RSS while doing so. */
export async function measureRead(
  store: StoreUnderTest,
  ranges: readonly ReadRange[],
): Promise<ReadMeasurement> {
  const expected = ranges.reduce((sum, range) => sum + range.count, 0);
  collectGarbage();
  const rssBeforeBytes = process.memoryUsage.rss();
  const peak = startPeakRss();
  let events = 0;
  let decoded = 0;
  const quarter = Math.max(1, Math.floor(expected / 4));
  const rssByQuarterBytes: number[] = [];
  const visit = (data: unknown) => {
    // Reading a field proves the payload was decoded to an object, and keeps the work from being optimised away.
    if (
      typeof data === 'object' &&
      data !== null &&
      'runnerId' in data &&
      typeof data.runnerId === 'string'
    ) {
      decoded += 1;
    }
    events += 1;
    if ((events & 4095) === 0) peak.sample();
    if (events % quarter === 0 && rssByQuarterBytes.length < 3)
      rssByQuarterBytes.push(process.memoryUsage.rss());
  };
  const started = performance.now();
  for (const range of ranges) await store.read(range, visit);
  const seconds = (performance.now() - started) / 1000;
  const peakRssBytes = peak.stop();
  rssByQuarterBytes.push(process.memoryUsage.rss());
  if (events !== expected || decoded !== expected) {
    throw new ReadCheckFailedError(store.name, expected, events, decoded);
  }
  return { perSecond: events / seconds, events, rssBeforeBytes, peakRssBytes, rssByQuarterBytes };
}
