/** What the browser keeps of a sign-in. */
export interface StoredAuth {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; fullName: string; isAdmin: boolean };
}

/** When a JWT runs out, in ms since the epoch (0 when it cannot be read). */
export function expiresAt(token: string): number {
  try {
    const part = token.split('.')[1] ?? '';
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : 0;
  } catch {
    return 0;
  }
}

/** Whether an access token is good for at least `marginMs` more. */
export const freshFor = (token: string, marginMs: number, now = Date.now()): boolean => expiresAt(token) - now > marginMs;

/**
 * One refresh at a time: a refresh token works once, and a second use revokes
 * its whole family, so concurrent callers share the refresh under way.
 */
export function singleFlight<T>(work: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => {
    running ??= work().finally(() => {
      running = null;
    });
    return running;
  };
}
