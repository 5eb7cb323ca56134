import { useEffect } from 'react';

/**
 * The page's first paint: the dossier the server wrote into a proposal's page
 * for a signed-in reader (apps/api/src/web/first-paint), shown while the app
 * loads. styles.css hides the app's root while it is there; the app takes
 * over by removing it, once the page it renders has what the first paint
 * shows (useReleaseFirstPaint), or at once when the app is on another path
 * (a redirect to sign in, a link followed).
 */
const element = (): HTMLElement | null => (typeof document === 'undefined' ? null : document.getElementById('first-paint'));

/** The path the first paint shows, or null when there is none (left). */
export const firstPaintPath = (): string | null => element()?.dataset.path ?? null;

/** Removes the first paint: the app's root shows instead. */
export function releaseFirstPaint(): void {
  element()?.remove();
}

/** Releases the first paint once `ready` (the page has rendered its own), or when the app shows another path than it. */
export function useReleaseFirstPaint(ready: boolean, pathname?: string): void {
  useEffect(() => {
    const shown = firstPaintPath();
    if (shown === null) return;
    if (ready || (pathname !== undefined && pathname.replace(/\/$/, '') !== shown)) releaseFirstPaint();
  }, [ready, pathname]);
}
