/** The bearer token of an `Authorization` header, or null when the header is missing or of another scheme. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
