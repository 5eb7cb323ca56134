import { freshFor, singleFlight, StoredAuth } from './tokens';

const KEY = 'kenes.auth';

type Listener = (auth: StoredAuth | null) => void;
const listeners = new Set<Listener>();

function read(): StoredAuth | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as StoredAuth) : null;
  } catch {
    return null;
  }
}

let current: StoredAuth | null = read();

function notify(): void {
  for (const l of listeners) l(current);
}

// Another tab signed in, out, or refreshed: follow it.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key !== KEY) return;
    current = read();
    notify();
  });
}

export const getAuth = (): StoredAuth | null => current;

export function setAuth(auth: StoredAuth | null): void {
  current = auth;
  if (auth) localStorage.setItem(KEY, JSON.stringify(auth));
  else localStorage.removeItem(KEY);
  notify();
}

export function onAuthChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function exchange(): Promise<string | null> {
  // Another tab may have refreshed while this one waited for the lock: take its tokens.
  const stored = read();
  if (!stored) {
    setAuth(null);
    return null;
  }
  if (freshFor(stored.accessToken)) {
    if (stored.accessToken !== current?.accessToken) setAuth(stored);
    return stored.accessToken;
  }
  const res = await fetch('/api/v1/auth/refresh', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken: stored.refreshToken }),
  });
  if (!res.ok) {
    // A refresh token refused (used, revoked, run out) ends the sign-in; a server error keeps it for a later try.
    if (res.status === 401 || res.status === 400) signOut();
    return null;
  }
  const body = (await res.json()) as { accessToken: string; refreshToken: string; user?: StoredAuth['user'] };
  setAuth({ accessToken: body.accessToken, refreshToken: body.refreshToken, user: body.user ?? stored.user });
  return body.accessToken;
}

/** Refreshes the token pair, once across concurrent callers and (with Web Locks) across tabs. */
export const refreshNow = singleFlight(async (): Promise<string | null> => {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request('kenes-refresh', exchange) : exchange();
});

/** An access token good for a while yet (refreshed silently when needed), or null when signed out. */
export async function freshToken(): Promise<string | null> {
  const a = current;
  if (!a) return null;
  if (freshFor(a.accessToken)) return a.accessToken;
  return refreshNow();
}

/** fetch with the bearer token; a 401 refreshes once and tries again. */
export async function authedFetch(input: Request): Promise<Response> {
  const token = await freshToken();
  const retry = token ? input.clone() : null;
  if (token) input.headers.set('Authorization', `Bearer ${token}`);
  const res = await fetch(input);
  if (res.status !== 401 || !retry) return res;
  const again = await refreshNow();
  if (!again) return res;
  retry.headers.set('Authorization', `Bearer ${again}`);
  return fetch(retry);
}

/**
 * Signs out here and on the server: the sign-in's refresh token is revoked
 * (a copy of it is worth nothing) and the page cookie is cleared, so that the
 * next person at this browser gets no proposal page of this one's
 * (apps/api/src/web). The local sign-out does not wait for the server.
 */
export function signOut(): void {
  const refreshToken = current?.refreshToken;
  setAuth(null);
  void fetch('/api/v1/auth/logout', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(refreshToken ? { refreshToken } : {}),
    keepalive: true,
  }).catch(() => undefined);
}
