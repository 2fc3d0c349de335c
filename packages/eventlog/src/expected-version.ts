/** The stream must not exist yet (same as `0n`). */
export const NO_STREAM = 'NO_STREAM';
/** The stream must already hold at least one event, whatever its version. */
export const STREAM_EXISTS = 'STREAM_EXISTS';
/** No concurrency check: append after whatever the stream holds. */
export const ANY = 'ANY';

/** The stream version an append expects to find: a number (last stream_version, `0n` = no stream) or a sentinel. */
export type ExpectedVersion = bigint | typeof NO_STREAM | typeof STREAM_EXISTS | typeof ANY;

/** Renders an expected version for messages and logs. */
export function describeExpectedVersion(expected: ExpectedVersion): string {
  return typeof expected === 'bigint' ? expected.toString() : expected;
}
