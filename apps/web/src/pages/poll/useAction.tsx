import { useState } from 'react';
import { ApiProblem } from '../../api/client';
import { problemMessage } from '../session/console/problems';
import { usePT } from './i18n';

type State = { phase: 'idle' } | { phase: 'busy'; label: string } | { phase: 'done'; label: string; note?: string } | { phase: 'failed'; label: string; status: number; message: string };

/**
 * One action of the page (open, close, decide, file, sign…): its label while
 * it runs, then done or the refusal in words (a problem's detail and fields,
 * or what a status means here), in a live region.
 */
export function useAction(explain: (status: number) => string | null = () => null) {
  const t = usePT();
  const [state, setState] = useState<State>({ phase: 'idle' });
  const run = async <T,>(label: string, fn: () => Promise<T>, note?: (result: T) => string | undefined): Promise<T | null> => {
    setState({ phase: 'busy', label });
    try {
      const result = await fn();
      setState({ phase: 'done', label, note: note?.(result) });
      return result;
    } catch (e) {
      const status = e instanceof ApiProblem ? e.status : 0;
      const message = explain(status) ?? (e instanceof ApiProblem ? problemMessage(e.problem, t('poll.noAnswer')) : t('poll.noAnswer'));
      setState({ phase: 'failed', label, status, message });
      return null;
    }
  };
  const busy = state.phase === 'busy';
  const feedback = (
    <p role="status" className={state.phase === 'failed' ? 'problem' : 'p-feedback'}>
      {state.phase === 'busy' && t('poll.busy', { action: state.label })}
      {state.phase === 'done' && (state.note ?? t('poll.done', { action: state.label }))}
      {state.phase === 'failed' && t('poll.failed', { action: state.label, message: state.message })}
    </p>
  );
  return { run, busy, feedback, state, reset: () => setState({ phase: 'idle' }) };
}
