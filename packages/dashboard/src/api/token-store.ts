const TOKEN_KEY = 'rollcall.token';

/** The API token kept in this browser, or null (none saved, or storage is blocked). */
export function loadToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** Keeps the token for the next visit; null forgets it. */
export function storeToken(token: string | null): void {
  try {
    if (token === null) localStorage.removeItem(TOKEN_KEY);
    else localStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage blocked (private mode, policy): the token still works for this page's life.
  }
}
