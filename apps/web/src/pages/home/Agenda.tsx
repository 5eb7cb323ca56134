import { ReactNode, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { FormattedDate, useIntl } from 'react-intl';
import { api, unwrap } from '../../api/client';
import { PathLink } from '../../components/PathLink';
import type { MessageId } from '../../i18n/locale';
import { AgendaIntl, AgendaMessageId, useAgendaT } from './i18n';
import './agenda.css';

/** The caller's day in their own time zone, as the instants GET /me/agenda takes. */
function localDay(): { from: string; to: string } {
  const now = new Date();
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

export const useAgenda = () => {
  const day = useMemo(localDay, []);
  return useQuery({ queryKey: ['me', 'agenda', day], queryFn: async () => unwrap(await api.GET('/api/v1/me/agenda', { params: { query: day } })) });
};

function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="agenda-part">
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

/**
 * "What needs you now" on the start page (GET /me/agenda, one request for
 * every council): open polls to vote in, the agency's consultations due (for
 * a representative), today's sittings, minority opinions still open to you,
 * and for a secretariat the petitions to moderate and minority opinions to acknowledge.
 */
export default function Agenda({ councilNames, agencyRep }: { councilNames: Map<string, string>; agencyRep: boolean }) {
  return (
    <AgendaIntl>
      <AgendaParts councilNames={councilNames} agencyRep={agencyRep} />
    </AgendaIntl>
  );
}

function AgendaParts({ councilNames, agencyRep }: { councilNames: Map<string, string>; agencyRep: boolean }) {
  const t = useAgendaT();
  const intl = useIntl();
  const agenda = useAgenda();
  const a = agenda.data;
  const council = (id: string) => councilNames.get(id) ?? '';
  // An agency representative's empty consultations part says so itself.
  const empty = a && !agencyRep && a.polls.length + a.consultations.length + a.sittings.length + a.minorityOpinions.length + a.petitionModeration.length + a.acknowledgements.length === 0;
  return (
    <section aria-labelledby="agenda-title" className="card agenda">
      <h2 id="agenda-title">{t('homeAgenda.title')}</h2>
      <div role="status">
        {agenda.isPending && <p>{t('homeAgenda.loading')}</p>}
        {empty && <p>{t('homeAgenda.nothing')}</p>}
      </div>
      {agenda.error && <p role="alert">{t('homeAgenda.error', { message: agenda.error.message })}</p>}
      {a && a.polls.length > 0 && (
        <Part id="agenda-polls" title={t('homeAgenda.polls')}>
          <ul className="agenda-list">
            {a.polls.map((p) => (
              <li key={p.pollId}>
                <PathLink href={`/polls/${p.pollId}`} className="agenda-main">
                  {p.question}
                </PathLink>
                <span className={p.voted ? 'agenda-tag' : 'agenda-tag agenda-todo'}>{t(p.voted ? 'homeAgenda.voted' : 'homeAgenda.toVote')}</span>
                <p className="muted">
                  {council(p.councilId)}
                  {p.secret && ` · ${t('homeAgenda.secret')}`}
                  {p.proposalId && (
                    <>
                      {' · '}
                      <PathLink href={`/proposals/${p.proposalId}`} aria-label={t('homeAgenda.proposalOf', { question: p.question })}>
                        {t('homeAgenda.proposal')}
                      </PathLink>
                    </>
                  )}
                </p>
              </li>
            ))}
          </ul>
        </Part>
      )}
      {a && (agencyRep || a.consultations.length > 0) && (
        <Part id="agenda-consultations" title={t('homeAgenda.consultations')}>
          {a.consultations.length === 0 && <p>{t('homeAgenda.noConsultations')}</p>}
          <ul className="agenda-list">
            {a.consultations.map((c) => (
              <li key={c.consultationId}>
                <PathLink href={`/proposals/${c.proposalId}`} className="agenda-main">
                  {c.proposalTitle}
                </PathLink>
                <span className={`agenda-tag agenda-${c.urgency}`}>{t(`homeAgenda.urgency.${c.urgency}` as AgendaMessageId)}</span>
                <p>{c.question}</p>
                <p className="muted">
                  {council(c.councilId)} · {t('homeAgenda.due', { date: intl.formatDate(c.dueAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
                </p>
              </li>
            ))}
          </ul>
          <p>
            <PathLink href="/consultations" className="agenda-main">
              {t('homeAgenda.allConsultations')}
            </PathLink>
          </p>
        </Part>
      )}
      {a && a.sittings.length > 0 && (
        <Part id="agenda-sittings" title={t('homeAgenda.sittings')}>
          <ul className="agenda-list">
            {a.sittings.map((s) => (
              <li key={s.sessionId}>
                {/* The council's card below links the sitting by its title; here the link says what to do, described by the title. */}
                <strong id={`agenda-sitting-${s.sessionId}`}>{s.title}</strong>
                <p className="muted">
                  {council(s.councilId)} · <FormattedDate value={s.scheduledAt} timeStyle="short" /> · {t(`session.state.${s.state}` as MessageId)}
                </p>
                <Link to="/sessions/$sessionId" params={{ sessionId: s.sessionId }} className="agenda-main" aria-describedby={`agenda-sitting-${s.sessionId}`}>
                  {t('homeAgenda.goToSitting')}
                </Link>
              </li>
            ))}
          </ul>
        </Part>
      )}
      {a && a.minorityOpinions.length > 0 && (
        <Part id="agenda-minority" title={t('homeAgenda.minority')}>
          <ul className="agenda-list">
            {a.minorityOpinions.map((m) => {
              const outcome = t(`homeAgenda.outcome.${m.outcome}` as AgendaMessageId);
              return (
                <li key={m.pollId}>
                  <PathLink href={`/polls/${m.pollId}`} className="agenda-main">
                    {m.question}
                  </PathLink>
                  <p>
                    {m.myChoice ? t('homeAgenda.minorityNamed', { choice: t(`choice.${m.myChoice}` as MessageId), outcome }) : t('homeAgenda.minoritySecret', { outcome })}{' '}
                    {t('homeAgenda.opinions', { count: m.opinions })}. {m.filed && t('homeAgenda.filed')}
                  </p>
                  <p className="muted">
                    {council(m.councilId)} · {t('homeAgenda.until', { date: intl.formatDate(m.until, { dateStyle: 'medium', timeStyle: 'short' }) })}
                    {m.proposalId && (
                      <>
                        {' · '}
                        <PathLink href={`/proposals/${m.proposalId}`} aria-label={t('homeAgenda.proposalOf', { question: m.question })}>
                          {t('homeAgenda.proposal')}
                        </PathLink>
                      </>
                    )}
                  </p>
                </li>
              );
            })}
          </ul>
        </Part>
      )}
      {a && a.petitionModeration.length > 0 && (
        <Part id="agenda-moderation" title={t('homeAgenda.moderation')}>
          <ul className="agenda-list">
            {a.petitionModeration.map((q) => (
              <li key={q.councilId}>
                <Link to="/councils/$councilId/petitions/moderation" params={{ councilId: q.councilId }} className="agenda-main">
                  {t('homeAgenda.moderate', { council: council(q.councilId) })}
                </Link>
                <span className="agenda-tag agenda-todo">{t('homeAgenda.moderationWaiting', { count: q.waiting })}</span>
                <p className="muted">{t('homeAgenda.waitingSince', { date: intl.formatDate(q.oldestAt, { dateStyle: 'medium', timeStyle: 'short' }) })}</p>
              </li>
            ))}
          </ul>
        </Part>
      )}
      {a && a.acknowledgements.length > 0 && (
        <Part id="agenda-acknowledgements" title={t('homeAgenda.acknowledgements')}>
          <ul className="agenda-list">
            {a.acknowledgements.map((q) => (
              <li key={q.pollId}>
                <PathLink href={`/polls/${q.pollId}`} className="agenda-main">
                  {q.question}
                </PathLink>
                <span className="agenda-tag agenda-todo">{t('homeAgenda.acknowledgementsWaiting', { count: q.waiting })}</span>
                <p className="muted">
                  {council(q.councilId)} · {t('homeAgenda.waitingSince', { date: intl.formatDate(q.oldestAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
                </p>
              </li>
            ))}
          </ul>
        </Part>
      )}
    </section>
  );
}
