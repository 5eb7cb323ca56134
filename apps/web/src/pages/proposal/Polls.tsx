import { useLang } from '../../i18n/LangProvider';
import { Opinion, Poll, TraceEntry, useOpinions, usePolls } from './data';
import { PT, usePT } from './i18n';
import { refsOf } from './rules';

const choiceName = (t: PT, c: string) => {
  const known = ['for', 'against', 'abstain', 'block', 'stand_aside'];
  return known.includes(c) ? t(`choice.${c}` as 'choice.for') : c;
};

/**
 * The proposal's polls, as its trace names them (a poll is in the trace once it
 * closes), each linking to its page, and their minority opinions, read-only,
 * with the number of co-signatures.
 */
export function PollsPanel({ trace }: { trace: TraceEntry[] }) {
  const t = usePT();
  const ids = refsOf(
    trace.filter((e) => e.kind === 'poll_closed'),
    'poll',
  );
  const { lang } = useLang();
  const polls = usePolls(ids, lang);
  const list = polls.map((q) => q.data).filter((x): x is Poll => !!x);
  const opinions = useOpinions(list.map((x) => x.id));
  const all: { poll: Poll; o: Opinion }[] = list.flatMap((poll, i) => (opinions[i]?.data ?? []).map((o) => ({ poll, o })));
  return (
    <>
      <section className="card polls-panel" aria-labelledby="p-polls-h">
        <h2 id="p-polls-h">{t('proposal.polls')}</h2>
        {list.length === 0 ? (
          <p>{t('proposal.polls.none')}</p>
        ) : (
          <ul className="plain">
            {list.map((poll) => (
              <li key={poll.id}>
                <a href={`/polls/${poll.id}`}>{poll.question}</a>{' '}
                <span className="muted">
                  ({poll.tally ? t(`proposal.poll.outcome.${poll.tally.outcome}` as 'proposal.poll.outcome.adopted') : t(`proposal.poll.status.${poll.status}`)})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card opinions-panel" aria-labelledby="p-opinions-h">
        <h2 id="p-opinions-h">{t('proposal.opinions')}</h2>
        {all.length === 0 ? (
          <p>{t('proposal.opinions.none')}</p>
        ) : (
          <ul className="plain">
            {all.map(({ poll, o }) => (
              <li key={o.id} id={`opinion-${o.id}`} className="opinion">
                <p className="muted">{t('proposal.opinion.onPoll', { question: poll.question })}</p>
                <p>
                  <strong>{t('proposal.opinion.by', { name: o.authorName, position: choiceName(t, o.position) })}</strong> · {t('proposal.opinion.signatures', { count: o.signatures.length })}
                </p>
                <p>{o.body}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
