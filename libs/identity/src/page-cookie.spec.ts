import type { Request } from 'express';
import { pageCookieOf, securePageCookie } from './page-cookie';

describe('the page cookie', () => {
  it('is found by name in a Cookie header, decoded, and nothing else is taken for it', () => {
    expect(pageCookieOf('a=1; kenes_page=abc.def%2Dg; b=2')).toBe('abc.def-g');
    expect(pageCookieOf('kenes_page=x')).toBe('x');
    for (const header of [undefined, '', 'kenes_pages=x', 'xkenes_page=x', 'kenes_page=', 'kenes_page=%E0%A4%A']) expect(pageCookieOf(header)).toBeNull();
  });

  it('is Secure over HTTPS, and wherever PUBLIC_URL is https:// (a proxy TRUST_PROXY does not name cannot send it in the clear)', () => {
    const req = (secure: boolean) => ({ secure }) as Request;
    expect(securePageCookie(req(true), undefined)).toBe(true);
    expect(securePageCookie(req(false), 'https://kenes.example')).toBe(true);
    expect(securePageCookie(req(false), 'HTTPS://kenes.example')).toBe(true);
    expect(securePageCookie(req(false), 'http://localhost:3000')).toBe(false);
    expect(securePageCookie(req(false), undefined)).toBe(false);
  });
});
