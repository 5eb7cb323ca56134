/** What the browser keeps of a sign-in. */
export interface StoredAuth {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; fullName: string; isAdmin: boolean };
}

function claims(token: string): { exp?: unknown; iat?: unknown } {
  try {
    const part = token.split('.')[1] ?? '';
    return JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='))) as { exp?: unknown };
  } catch {
    return {};
  }
}

/** When a JWT runs out, in ms since the epoch (0 when it cannot be read). */
export function expiresAt(token: string): number {
  const exp = claims(token).exp;
  return typeof exp === 'number' ? exp * 1000 : 0;
}

/** Renew this long before a token runs out: a minute, or a third of a shorter lifetime. */
export function renewMargin(token: string, most = 60_000): number {
  const { exp, iat } = claims(token);
  if (typeof exp !== 'number' || typeof iat !== 'number') return most;
  return Math.min(most, ((exp - iat) * 1000) / 3);
}

/** Whether an access token is good for at least its renewal margin (or `marginMs`) more. */
export const freshFor = (token: string, marginMs = renewMargin(token), now = Date.now()): boolean => expiresAt(token) - now > marginMs;

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
