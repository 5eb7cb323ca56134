import type { Request, Response } from 'express';

/**
 * The page cookie: the access token once more, for the server's own pages
 * only. A proposal's deep link (apps/api/src/web) is a page load, which
 * carries no Authorization header; with this cookie the server can show a
 * signed-in reader the dossier in the page itself, before the app's code has
 * loaded.
 *
 * - HttpOnly: no script reads it (the app keeps its tokens as before).
 * - SameSite=Strict: a link from another site arrives without it.
 * - Path=/proposals/: sent with proposal pages and nothing else. The API never
 *   reads cookies (only `Authorization: Bearer`), so no request another site
 *   makes can act with it.
 * - Secure: whenever the request came over HTTPS (behind a proxy that
 *   TRUST_PROXY names, as the proxy says), and always when PUBLIC_URL is an
 *   https:// address (a proxy not named in TRUST_PROXY cannot then make it
 *   go out in the clear).
 * - It lives as long as the access token in it. Signing in and renewing set
 *   it; signing out (POST /auth/logout) clears it.
 */
export const PAGE_COOKIE = 'kenes_page';
export const PAGE_COOKIE_PATH = '/proposals/';

/** Whether the cookie is Secure for this request: over HTTPS, or wherever the server's public address is https://. */
export const securePageCookie = (req: Request, publicUrl: string | undefined): boolean => req.secure || /^https:/i.test(publicUrl ?? '');

export function setPageCookie(res: Response, accessToken: string, ttlSeconds: number, secure: boolean): void {
  res.cookie(PAGE_COOKIE, accessToken, { httpOnly: true, sameSite: 'strict', secure, path: PAGE_COOKIE_PATH, maxAge: ttlSeconds * 1000 });
}

export function clearPageCookie(res: Response, secure: boolean): void {
  res.clearCookie(PAGE_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: PAGE_COOKIE_PATH });
}

/** The page cookie's value in a Cookie header, or null. */
export const pageCookieOf = (header: string | undefined): string | null => cookieOf(header, PAGE_COOKIE);

/** A cookie's value in a Cookie header, decoded, or null (none, empty, or not decodable). */
export function cookieOf(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    const value = part.slice(at + 1).trim();
    try {
      return decodeURIComponent(value) || null;
    } catch {
      return null;
    }
  }
  return null;
}
