import { safeRedirect } from './redirect';

const ORIGIN = 'https://kenes.example';

describe('safeRedirect (after /login?redirect=)', () => {
  it('keeps a path of this app with its query and fragment', () => {
    expect(safeRedirect('/councils/1?lang=kk#members', ORIGIN)).toBe('/councils/1?lang=kk#members');
    expect(safeRedirect('/', ORIGIN)).toBe('/');
  });

  it.each([
    ['another host, scheme-relative', '//evil.example/x'],
    ['a backslash that a browser reads as a slash', '/\\evil.example'],
    ['two backslashes', '/\\\\evil.example'],
    ['a tab the URL parser drops', '/\t/evil.example'],
    ['a newline the URL parser drops', '/\n/evil.example'],
    ['an absolute URL', 'https://evil.example/'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'councils'],
    ['nothing', undefined],
    ['not a string', ['/a']],
  ])('sends %s home', (_why, to) => {
    expect(safeRedirect(to, ORIGIN)).toBe('/');
  });

  it('never returns something another resolver would read as a host', () => {
    for (const to of ['/\\evil.example', '/\t/evil.example', '/%2F/evil.example', '/./\\evil.example', '/..//evil.example']) {
      const out = safeRedirect(to, ORIGIN);
      expect(new URL(out, ORIGIN).origin).toBe(ORIGIN);
      expect(out.startsWith('//')).toBe(false);
    }
  });
});
