import { useEffect, useLayoutEffect, useRef } from 'react';

/**
 * Keeps keyboard focus in a panel when a command removes the control that
 * had it (Start gives way to Pause, an opened item's button goes, a granted
 * request leaves the queue): focus moves to the panel's heading (which
 * needs tabIndex -1) instead of falling back to the page's start.
 */
export function useFocusKeeper<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const last = useRef<Element | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onFocus = (e: FocusEvent) => {
      last.current = e.target as Element;
    };
    el.addEventListener('focusin', onFocus);
    return () => el.removeEventListener('focusin', onFocus);
  }, []);
  // After every render of the panel: was the focused control removed?
  useLayoutEffect(() => {
    const l = last.current;
    if (!l || l.isConnected) return;
    last.current = null;
    const active = document.activeElement;
    if (active === null || active === document.body) ref.current?.querySelector<HTMLElement>('h2, h3')?.focus();
  });
  return ref;
}
