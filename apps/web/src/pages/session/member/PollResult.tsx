import type { LivePoll } from '@kenes/contracts';
import { useT } from '../../../i18n/useT';
import { choicesFor } from './logic';
import { usePollRule } from './VotePanel';

/** A closed poll's outcome in words, with its counts and the tally's explanation. */
export function PollResult({ poll }: { poll: LivePoll }) {
  const t = useT();
  const rule = usePollRule(poll.id);
  const tally = poll.tally;
  const choices = choicesFor(rule.data?.method ?? 'majority');
  return (
    <section aria-labelledby="m-result" className="m-card">
      <h2 id="m-result">{t('poll.closed')}</h2>
      <p className="m-question">{poll.question}</p>
      {tally ? (
        <>
          <p className="m-outcome">{t(`poll.outcome.${tally.outcome}`)}</p>
          <ul className="m-counts">
            {choices.map((c) => (
              <li key={c}>
                {t(`choice.${c}`)}: {t('poll.voteCount', { count: tally.counts[c] })}
              </li>
            ))}
          </ul>
          <p>{t('poll.voted', { voted: tally.participation, eligible: tally.eligible })}</p>
          <p className="m-hint">{tally.explanation}</p>
        </>
      ) : (
        <p>{t('poll.voted', { voted: poll.participation ?? 0, eligible: poll.eligibleCount ?? 0 })}</p>
      )}
    </section>
  );
}
