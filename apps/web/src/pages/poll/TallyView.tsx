import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useLang } from '../../i18n/LangProvider';
import type { RulesMessageId } from '../../rules/i18n';
import { choicesFor, Method } from '../session/member/logic';
import type { Poll } from './data';
import { usePT } from './i18n';
import { outcomeWords } from './logic';
import { useAction } from './useAction';

/**
 * A closed poll's result (GET /polls/:id/tally?lang=): the outcome in words,
 * the counts, the base and its size, the votes for needed, the quorum and
 * participation, and the server's explanation in the page's language; the
 * chair's casting decision while a majority is tied; who voted how on a
 * named poll.
 */
export function TallyView({ poll, chair, names }: { poll: Poll; chair: boolean; names: Map<string, string> }) {
  const t = usePT();
  const { lang } = useLang();
  const qc = useQueryClient();
  const tally = useQuery({
    queryKey: ['poll', poll.id, 'tally', lang, poll.tally?.outcome ?? null],
    queryFn: async () => unwrap(await api.GET('/api/v1/polls/{pollId}/tally', { params: { path: { pollId: poll.id }, query: { lang }, header: { 'accept-language': lang } } })),
  });
  const casting = useAction();
  if (tally.isPending) return <p role="status">{t('poll.loading')}</p>;
  if (tally.error) return <p role="alert">{t('poll.error', { message: tally.error.message })}</p>;
  const x = tally.data;
  const method = (poll.rule?.method ?? 'majority') as Method;
  const words = outcomeWords(method, x.outcome, x.counts);
  const decide = (outcome: 'adopted' | 'rejected') =>
    void casting.run(t(outcome === 'adopted' ? 'poll.casting.adopt' : 'poll.casting.reject'), async () => {
      const p = unwrap(await api.POST('/api/v1/polls/{pollId}/casting-decision', { params: { path: { pollId: poll.id }, header: { 'accept-language': lang } }, body: { outcome } }));
      await qc.invalidateQueries({ queryKey: ['poll', poll.id] });
      return p;
    });
  return (
    <section className="card p-tally" aria-labelledby="p-tally-h">
      <h2 id="p-tally-h">{t('poll.tally')}</h2>
      <p className="p-outcome" data-outcome={x.outcome}>
        <strong>{'count' in words ? t(words.id, { count: words.count }) : t(words.id)}</strong>
        {x.castingDecision && <> · {t('poll.casting.recorded', { outcome: t(`poll.outcome.${x.castingDecision}`) })}</>}
      </p>
      <table className="p-counts">
        <caption>{t('poll.counts')}</caption>
        <tbody>
          {choicesFor(method).map((c) => (
            <tr key={c}>
              <th scope="row">{t(`choice.${c}`)}</th>
              <td>{x.counts[c]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="p-figures">
        <dt>{t('poll.base')}</dt>
        <dd>{t(`rules.base.${x.base}` as RulesMessageId)}</dd>
        <dt>{t('poll.baseSize')}</dt>
        <dd>{x.baseSize}</dd>
        <dt>{t('poll.forNeeded')}</dt>
        <dd>{x.forNeeded}</dd>
        <dt>{t('poll.quorumNeeded')}</dt>
        <dd>{x.quorumNeeded ?? t('poll.noQuorum')}</dd>
        <dt>{t('poll.participationLabel')}</dt>
        <dd>{t('poll.participationOf', { count: x.participation, eligible: x.eligible })}</dd>
      </dl>
      <h3>{t('poll.explanation')}</h3>
      <p className="p-explanation" lang={lang}>
        {x.explanation}
      </p>
      {x.outcome === 'tied' && (
        <div className="p-casting">
          <p>{t('poll.casting.title')}</p>
          {chair && (
            <div className="m-row">
              <button type="button" className="m-btn" disabled={casting.busy} onClick={() => decide('adopted')}>
                {t('poll.casting.adopt')}
              </button>
              <button type="button" className="m-btn" disabled={casting.busy} onClick={() => decide('rejected')}>
                {t('poll.casting.reject')}
              </button>
            </div>
          )}
          {casting.feedback}
        </div>
      )}
      {poll.ballots && poll.ballots.length > 0 && (
        <table className="p-ballots">
          <caption>{t('poll.ballots')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('poll.ballots.who')}</th>
              <th scope="col">{t('poll.ballots.choice')}</th>
            </tr>
          </thead>
          <tbody>
            {poll.ballots.map((b) => (
              <tr key={b.membershipId}>
                <td>{names.get(b.membershipId) ?? t('poll.ballots.unknown')}</td>
                <td>{t(`choice.${b.choice}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
