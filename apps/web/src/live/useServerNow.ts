import { useEffect, useState } from 'react';
import type { ServerClock } from './clock';

/**
 * The server's time now, read again every `everyMs` while `running` (a speaker's clock, time spoken),
 * and at once whenever `running` or `restartOn` (a new turn's endsAt, say) changes.
 */
export function useServerNow(clock: ServerClock, running: boolean, everyMs: number, restartOn?: unknown): number {
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    setNow(clock.now());
    if (!running) return;
    const timer = setInterval(() => setNow(clock.now()), everyMs);
    return () => clearInterval(timer);
  }, [clock, running, everyMs, restartOn]);
  return now;
}
