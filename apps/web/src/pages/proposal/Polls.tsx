import { Link } from '@tanstack/react-router';
import { Opinion, Poll, useOpinions, usePolls } from './data';
import { PT, usePT } from './i18n';

const choiceName = (t: PT, c: string) => {
  const known = ['for', 'against', 'abstain', 'block', 'stand_aside'];
  return known.includes(c) ? t(`choice.${c}` as 'choice.for') : c;
};

/** Open polls first (they are what a member may still act on), each group in the API's order. */
const openFirst = (polls: readonly Poll[]) => [...polls.filter((x) => x.status === 'open'), ...polls.filter((x) => x.status !== 'open')];

/**
 * The proposal's polls (GET /proposals/:id/polls: draft, open and closed), each
 * linking to its page, an open one marked as such with its participation; and
 * the closed polls' minority opinions, read-only, with their co-signatures.
 */
export function PollsPanel({ proposalId }: { proposalId: string }) {
  const t = usePT();
  const polls = usePolls(proposalId);
  const list = openFirst(polls.data ?? []);
  const closed = list.filter((x) => x.status === 'closed');
  const opinions = useOpinions(closed.map((x) => x.id));
  const all: { poll: Poll; o: Opinion }[] = closed.flatMap((poll, i) => (opinions[i]?.data ?? []).map((o) => ({ poll, o })));
  return (
    <>
      <section className="card polls-panel" aria-labelledby="p-polls-h">
        <h2 id="p-polls-h">{t('proposal.polls')}</h2>
        {polls.isPending ? (
          <p role="status">{t('proposal.loading')}</p>
        ) : list.length === 0 ? (
          <p>{t('proposal.polls.none')}</p>
        ) : (
          <ul className="plain">
            {list.map((poll) => (
              <li key={poll.id} className={poll.status === 'open' ? 'poll-open' : undefined}>
                <Link to="/polls/$pollId" params={{ pollId: poll.id }}>
                  {poll.question}
                </Link>{' '}
                {poll.status === 'open' ? (
                  <>
                    <strong className="badge poll-open">{t('proposal.poll.openNow')}</strong>{' '}
                    {poll.participation !== null && poll.eligibleCount !== null && (
                      <span className="muted">{t('proposal.poll.voted', { count: poll.participation, total: poll.eligibleCount })}</span>
                    )}
                  </>
                ) : (
                  <span className="muted">
                    ({poll.tally ? t(`proposal.poll.outcome.${poll.tally.outcome}` as 'proposal.poll.outcome.adopted') : t(`proposal.poll.status.${poll.status}`)})
                  </span>
                )}
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
