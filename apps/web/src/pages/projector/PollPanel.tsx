import { LIVE_CHOICES, LivePoll } from '@kenes/contracts';
import type { LiveChoice } from '@kenes/contracts';
import { useT } from '../../i18n/useT';
import type { MessageId } from '../../i18n/locale';
import { CHOICE_COLOURS } from './palette';

/** The choices worth a row: those with votes, and for, against and abstain always. */
function rows(counts: Record<LiveChoice, number>): LiveChoice[] {
  return LIVE_CHOICES.filter((c) => counts[c] > 0 || c === 'for' || c === 'against' || c === 'abstain');
}

function CountsChart({ counts, title }: { counts: Record<LiveChoice, number>; title: string }) {
  const t = useT();
  const shown = rows(counts);
  const max = Math.max(1, ...shown.map((c) => counts[c]));
  const rowH = 56;
  return (
    <svg className="chart" role="img" aria-label={title} viewBox={`0 0 1000 ${shown.length * rowH}`} preserveAspectRatio="xMinYMin meet">
      {shown.map((c, k) => {
        const w = Math.round((counts[c] / max) * 560);
        return (
          <g key={c} transform={`translate(0 ${k * rowH})`}>
            <text x="0" y={rowH / 2 + 10} className="chart-label">
              {t(`choice.${c}` as MessageId)}
            </text>
            <rect x="300" y="8" width={Math.max(w, 2)} height={rowH - 16} fill={CHOICE_COLOURS[c]} className="bar" />
            <text x={310 + w} y={rowH / 2 + 10} className="chart-count">
              {counts[c]}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function CountsTable({ counts, caption }: { counts: Record<LiveChoice, number>; caption: string }) {
  const t = useT();
  return (
    <table className="counts">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('poll.choice')}</th>
          <th scope="col">{t('poll.votes')}</th>
        </tr>
      </thead>
      <tbody>
        {rows(counts).map((c) => (
          <tr key={c}>
            <th scope="row">
              <span className="swatch" aria-hidden="true" style={{ background: CHOICE_COLOURS[c] }} />
              {t(`choice.${c}` as MessageId)}
            </th>
            <td>{t('poll.voteCount', { count: counts[c] })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * An open poll: its question and `Voted: N of M` (with the live counts only
 * for a named poll). A closed one: the outcome in words, the counts as a
 * chart and a table, the base, the votes needed and the quorum.
 */
export function PollPanel({ poll }: { poll: LivePoll }) {
  const t = useT();
  const eligible = poll.eligibleCount ?? poll.tally?.eligible ?? 0;
  if (poll.status === 'open') {
    return (
      <section className="poll open" aria-labelledby="poll-heading">
        <h2 id="poll-heading">{t('poll.open')}</h2>
        <p className="question">{poll.question}</p>
        <p className="voted" role="status">
          {t('poll.voted', { voted: poll.participation ?? 0, eligible })}
        </p>
        {poll.secret || !poll.counts ? <p className="note">{t('poll.secret')}</p> : <CountsTable counts={poll.counts} caption={t('poll.chart')} />}
      </section>
    );
  }
  const tally = poll.tally;
  if (!tally) return null;
  return (
    <section className="poll closed" aria-labelledby="poll-heading">
      <h2 id="poll-heading">{t('poll.closed')}</h2>
      <p className="question">{poll.question}</p>
      <p className={`outcome outcome-${tally.outcome}`} role="status">
        {t(`poll.outcome.${tally.outcome}` as MessageId)}
        {tally.castingDecision && <span className="casting"> — {t('poll.casting', { outcome: t(`poll.outcome.${tally.castingDecision}` as MessageId) })}</span>}
      </p>
      <p className="voted">{t('poll.voted', { voted: tally.participation, eligible: tally.eligible })}</p>
      <CountsChart counts={tally.counts} title={t('poll.chart')} />
      <div className="result-details">
        <CountsTable counts={tally.counts} caption={t('poll.chart')} />
        <ul className="facts">
          <li>{t('poll.base', { base: t(`poll.base.${tally.base}` as MessageId), size: tally.baseSize })}</li>
          <li>{t('poll.needed', { needed: tally.forNeeded })}</li>
          <li>
            {tally.quorumNeeded === null
              ? t('poll.noQuorumRule')
              : `${t('poll.quorum', { needed: tally.quorumNeeded })} (${t(tally.quorumReached ? 'poll.quorumReached' : 'poll.quorumMissed')})`}
          </li>
        </ul>
      </div>
    </section>
  );
}
