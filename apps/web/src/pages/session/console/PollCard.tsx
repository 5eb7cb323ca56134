import { useQuery, useQueryClient } from '@tanstack/react-query';
import { LIVE_CHOICES, LIVE_COMMANDS, LiveCounts, LivePoll } from '@kenes/contracts';
import { api, unwrap } from '../../../api/client';
import type { LiveSession } from '../../../live/useLiveSession';
import { useLang } from '../../../i18n/LangProvider';
import { useCT } from './i18n';
import type { ConsoleMessageId } from './i18n';
import { CommandFeedback } from './Feedback';
import { acked, useCommand } from './useCommand';

/** A poll as the console lists it: a draft (from the API) or one the sitting opened (from the live view). */
export interface ConsolePoll {
  id: string;
  question: string;
  secret: boolean;
  status: 'draft' | 'open' | 'closed';
  eligibleCount: number | null;
  participation: number | null;
  counts: LiveCounts | null;
  /** A draft's rule, to check before opening it. */
  rule?: Record<string, unknown> | null;
}

/** A rule in the builder's words: method, base, threshold, tie, quorum. */
function RuleWords({ rule }: { rule: Record<string, unknown> }) {
  const t = useCT();
  const parts: string[] = [];
  const method = String(rule.method);
  parts.push(t(`console.rule.method.${method}` as ConsoleMessageId));
  const th = rule.threshold as { numerator?: number; denominator?: number } | undefined;
  if (th?.numerator && th.denominator) parts.push(`${t(`console.rule.comparator.${String(rule.comparator ?? 'at_least')}` as ConsoleMessageId)} ${th.numerator}/${th.denominator}`);
  parts.push(t(`console.rule.base.${String(rule.base)}` as ConsoleMessageId));
  if (method === 'majority' && rule.tie) parts.push(`${t('console.rule.tie')}: ${t(`console.rule.tie.${String(rule.tie)}` as ConsoleMessageId)}`);
  const q = rule.quorum as { count?: number; numerator?: number; denominator?: number } | undefined;
  parts.push(`${t('console.rule.quorum')}: ${q?.count ? q.count : q?.numerator && q.denominator ? `${q.numerator}/${q.denominator}` : t('console.rule.quorum.none')}`);
  return <p className="c-muted" data-testid="rule">{parts.join(' · ')}</p>;
}

function Counts({ counts, caption }: { counts: LiveCounts; caption: string }) {
  const t = useCT();
  return (
    <table className="c-counts">
      <caption>{caption}</caption>
      <tbody>
        {LIVE_CHOICES.filter((c) => counts[c] > 0 || c === 'for' || c === 'against' || c === 'abstain').map((c) => (
          <tr key={c}>
            <th scope="row">{t(`choice.${c}` as ConsoleMessageId)}</th>
            <td>{counts[c]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A closed poll's tally, explained in the page's language (GET /polls/:id/tally?lang=). */
function Tally({ poll, chair }: { poll: LivePoll | ConsolePoll; chair: boolean }) {
  const t = useCT();
  const { lang } = useLang();
  const qc = useQueryClient();
  const { run, busy, feedback } = useCommand();
  const tally = useQuery({
    queryKey: ['console', 'tally', poll.id, lang],
    queryFn: async () => unwrap(await api.GET('/api/v1/polls/{pollId}/tally', { params: { path: { pollId: poll.id }, query: { lang }, header: { 'accept-language': lang } } })),
  });
  if (tally.isPending) return <p className="c-muted">{t('home.loading')}</p>;
  if (tally.error) return <p role="alert">{tally.error.message}</p>;
  const x = tally.data;
  const decided = x.castingDecision;
  const cast = (outcome: 'adopted' | 'rejected') =>
    void run(t('console.poll.casting', { outcome: t(`poll.outcome.${outcome}`) }), async () => {
      const r = unwrap(await api.POST('/api/v1/polls/{pollId}/casting-decision', { params: { path: { pollId: poll.id }, header: { 'accept-language': lang } }, body: { outcome } }));
      await qc.invalidateQueries({ queryKey: ['console', 'tally', poll.id] });
      return r;
    });
  return (
    <div className="c-tally">
      <p className="c-outcome" data-testid="outcome">
        {t(`poll.outcome.${x.outcome}`)}
        {decided && <> — {t('poll.casting', { outcome: t(`poll.outcome.${decided}`) })}</>}
      </p>
      <Counts counts={x.counts} caption={t('poll.chart')} />
      <p data-testid="explanation">{x.explanation}</p>
      {chair && x.outcome === 'tied' && !decided && (
        <div className="c-actions" role="group" aria-label={t('console.poll.castingTitle')}>
          <span>{t('console.poll.castingTitle')}</span>
          {(['adopted', 'rejected'] as const).map((o) => (
            <button key={o} type="button" className="c-btn" disabled={!!busy} onClick={() => cast(o)}>
              {t('console.poll.casting', { outcome: t(`poll.outcome.${o}`) })}
            </button>
          ))}
        </div>
      )}
      <CommandFeedback feedback={feedback} busy={busy} />
    </div>
  );
}

/** One poll: open a draft; an open poll's participation and (named) live counts, and close; a closed poll's tally. */
export function PollCard({ poll, live, chair }: { poll: ConsolePoll; live: LiveSession; chair: boolean }) {
  const t = useCT();
  const { run, busy, feedback } = useCommand();
  return (
    <li className={`c-poll c-poll-${poll.status}`}>
      <p className="c-poll-q">
        <strong>{poll.question}</strong>{' '}
        <span className="c-muted">
          ({t(`console.poll.status.${poll.status}` as ConsoleMessageId)}
          {poll.secret ? `, ${t('console.poll.secret')}` : ''})
        </span>
      </p>
      {poll.status === 'draft' && poll.rule && <RuleWords rule={poll.rule} />}
      {poll.status === 'draft' && (
        <button type="button" className="c-btn c-primary" disabled={!!busy} onClick={() => void run(t('console.poll.open'), () => acked(live.send(LIVE_COMMANDS.pollOpen, { pollId: poll.id })))}>
          {t('console.poll.open')}
        </button>
      )}
      {poll.status === 'open' && (
        <>
          <p className="c-big" data-testid="voted">
            {t('poll.voted', { voted: poll.participation ?? 0, eligible: poll.eligibleCount ?? 0 })}
          </p>
          {poll.secret ? <p className="c-muted">{t('poll.secret')}</p> : poll.counts && <Counts counts={poll.counts} caption={t('console.poll.liveCounts')} />}
        </>
      )}
      {poll.status === 'closed' && <Tally poll={poll} chair={chair} />}
      {poll.status === 'open' && (
        <button type="button" className="c-btn" disabled={!!busy} onClick={() => void run(t('console.poll.close'), () => acked(live.send(LIVE_COMMANDS.pollClose, { pollId: poll.id })))}>
          {t('console.poll.close')}
        </button>
      )}
      <CommandFeedback feedback={feedback} busy={busy} />
    </li>
  );
}
