/**
 * Splits items into consecutive waves in which no key repeats: an item goes into the wave after the one
 * holding its key's previous item, so running the waves one after another keeps each key's items in order,
 * while everything within a wave may run together. Order within a wave follows the input.
 */
export function splitIntoWaves<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const waves: T[][] = [];
  const nextWave = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item);
    const index = nextWave.get(key) ?? 0;
    nextWave.set(key, index + 1);
    const wave = waves[index];
    if (wave === undefined) waves.push([item]);
    else wave.push(item);
  }
  return waves;
}
