/** `2026-01-31T12:05:00.000Z` -> `2026-01-31 12:05:00Z`: a table cell a person can scan. Null stays null. */
export function formatTime(iso: string | null): string | null {
  if (iso === null) return null;
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return `${time.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}
