import type { LiveProblem } from '@kenes/contracts';
import { useT } from '../../../i18n/useT';
import { CommandState, problemMessage } from './useCommand';

/** A command's feedback in a polite live region: sending, done, or the problem's message. */
export function CommandFeedback<T>({ state, done }: { state: CommandState<T>; done: string }) {
  const t = useT();
  let text = '';
  let problem: LiveProblem | null = null;
  if (state.phase === 'busy') text = t('member.sending');
  else if (state.phase === 'done') text = done;
  else if (state.phase === 'refused') {
    problem = state.problem;
    text = problemMessage(state.problem, t('member.noAnswer'));
  }
  return (
    <p role="status" className={problem ? 'm-feedback problem' : 'm-feedback'}>
      {problem && <span className="m-refused">{t('member.refused')} </span>}
      {text}
    </p>
  );
}
