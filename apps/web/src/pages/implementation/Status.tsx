import { ApiProblem } from '../../api/client';
import { problemMessage } from '../session/console/problems';
import type { useImT } from './i18n';

/** What a form of the implementation page says of its last submission. */
export type Feedback = { ok: boolean; text: string } | null;

/** A form's result: announced politely when it went well, as an alert when it did not (both regions always there). */
export function Status({ feedback }: { feedback: Feedback }) {
  return (
    <>
      <p role="status" className="im-ok">
        {feedback?.ok ? feedback.text : ''}
      </p>
      <p role="alert" className="problem">
        {feedback && !feedback.ok ? feedback.text : ''}
      </p>
    </>
  );
}

/** A refused request in the page's words. */
export const failure = (t: ReturnType<typeof useImT>, e: Error) => t('implementation.failed', { message: problemMessage((e as ApiProblem).problem, e.message) });
