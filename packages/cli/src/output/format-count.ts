const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const seconds = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** `1234567` -> `1,234,567`, for counts and rates a person reads. */
export function formatCount(value: number | bigint): string {
  return grouped.format(value);
}

/** `1234` ms -> `1.23 s`. */
export function formatSeconds(milliseconds: number): string {
  return `${seconds.format(milliseconds / 1000)} s`;
}
