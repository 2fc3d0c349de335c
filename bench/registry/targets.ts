/** The registry issue's performance targets. */
export const TARGETS = {
  /** End-to-end ingest rate / JetStream acked publish rate of the same messages: at least. */
  ingestVsPublish: 0.8,
  /** Drain notice p99 / NATS request-reply RTT p99: at most. */
  drainP99VsRttP99: 5,
  /** A draining runner going idle -> its stop command on its subject, p99: at most, in ms (the drainer issue's "within a second"). */
  stopAfterIdleP99Ms: 1000,
  /** Worker-map rebuild rate / raw keyset read of the same events: at least. */
  rebuildVsRawRead: 0.5,
  /** Registry process RSS with 100,000 connected runners: below, in MB. */
  rssMb: 300,
} as const;
