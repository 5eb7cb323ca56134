/**
 * Where to go after signing in: only a path of this app. The value is resolved
 * as the browser would resolve it against this origin, so anything that lands
 * elsewhere is refused: `//evil.example`, `/\evil.example` (a browser reads the
 * backslash as a slash), `/<tab>/evil.example` (tabs and newlines are dropped),
 * `https://evil.example`, `javascript:…`. What is kept is the resolved path,
 * query and fragment, never the raw text.
 */
export function safeRedirect(to: unknown, origin: string = window.location.origin): string {
  if (typeof to !== 'string' || !to.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(to, origin);
  } catch {
    return '/';
  }
  if (url.origin !== origin) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path starting with '//' would be read as another host by whoever resolves it next.
  return path.startsWith('//') ? '/' : path;
}
