import type { ReadRange } from './store-under-test';

/** `windows` equal reads of `total / windows` events each, starting at evenly spaced positions of the log. */
export function spreadWindows(
  logSize: number,
  total: number,
  windows: number,
  pageSize: number,
): ReadRange[] {
  const count = Math.floor(total / windows);
  return Array.from({ length: windows }, (_, i) => ({
    after: BigInt(Math.floor((i * (logSize - count)) / Math.max(1, windows - 1))),
    count,
    pageSize,
  }));
}
