import { useCT } from './i18n';
import type { Feedback } from './useCommand';

/**
 * A panel's answer to its last command: "done" politely, a refusal with the
 * server's message assertively. Both regions stay in the page so that
 * screen readers announce what appears in them.
 */
export function CommandFeedback({ feedback, busy }: { feedback: Feedback | null; busy: string | null }) {
  const t = useCT();
  const refused = feedback && !feedback.ok ? feedback : null;
  return (
    <div className="c-feedback">
      <p role="status" className="c-done">
        {busy ? t('console.feedback.busy', { action: busy }) : feedback?.ok ? <span key={feedback.n}>{t('console.feedback.done', { action: feedback.action })}</span> : null}
      </p>
      <div role="alert" className="c-refused">
        {refused && !busy ? (
          <p key={refused.n}>
            <strong>{t('console.feedback.refused', { action: refused.action })}</strong> {refused.message}
          </p>
        ) : null}
      </div>
    </div>
  );
}
