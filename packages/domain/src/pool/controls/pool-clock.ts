// The fixed pool, actor and instants every pool spec uses, so expected events can be written out in full.

export const NAMESPACE = 'acme';
export const POOL = 'web';
export const OPERATOR = 'alice@acme';

/** When the command under test is decided. */
export const NOW = new Date('2026-03-01T12:00:00.000Z');
/** When the given events happened. */
export const EARLIER = '2026-03-01T11:00:00.000Z';

export function secondsAfterNow(seconds: number): string {
  return new Date(NOW.getTime() + seconds * 1000).toISOString();
}
