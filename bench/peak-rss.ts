/** Peak resident set size of this process while something runs, sampled on a timer and on demand. */
export interface PeakRss {
  /** Take a sample now (cheap; call it from hot loops every few thousand items). */
  sample(): void;
  /** Stop the timer and return the peak in bytes. */
  stop(): number;
}

export function startPeakRss(intervalMs = 20): PeakRss {
  let peak = process.memoryUsage.rss();
  const sample = () => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
  };
  const timer = setInterval(sample, intervalMs);
  return {
    sample,
    stop: () => {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
