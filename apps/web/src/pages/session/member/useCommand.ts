import { useCallback, useRef, useState } from 'react';
import type { LiveAck, LiveProblem } from '@kenes/contracts';

export type CommandState<T> =
  | { phase: 'idle' }
  | { phase: 'busy' }
  | { phase: 'done'; result: T }
  | { phase: 'refused'; problem: LiveProblem };

/** The problem's own words (its detail, else its title); status 0 means no answer came. */
export const problemMessage = (p: LiveProblem, noAnswer: string): string => (p.status === 0 ? noAnswer : p.detail || p.title);

/**
 * One socket command's feedback: busy while it waits for the ack, then done
 * with the result or refused with the problem. A second run while one is
 * under way is ignored (a double tap sends once).
 */
export function useCommand<T extends object>(run: () => Promise<LiveAck<T>>) {
  const [state, setState] = useState<CommandState<T>>({ phase: 'idle' });
  const busy = useRef(false);
  const runRef = useRef(run);
  runRef.current = run;
  const fire = useCallback(async (): Promise<LiveAck<T> | null> => {
    if (busy.current) return null;
    busy.current = true;
    setState({ phase: 'busy' });
    try {
      const ack = await runRef.current();
      setState(ack.ok ? { phase: 'done', result: ack as T } : { phase: 'refused', problem: ack.error });
      return ack;
    } finally {
      busy.current = false;
    }
  }, []);
  return { state, fire, reset: () => setState({ phase: 'idle' }) };
}
