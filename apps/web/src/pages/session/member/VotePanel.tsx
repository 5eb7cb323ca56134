import { useEffect, useState } from 'react';
import type { LivePoll } from '@kenes/contracts';
import { useLang } from '../../../i18n/LangProvider';
import type { MessageId } from '../../../i18n/locale';
import { useT } from '../../../i18n/useT';
import type { LiveSession } from '../../../live/useLiveSession';
import { Ballot, OnBehalf } from './Ballot';
import { getAll, getJson } from './http';
import { mayChange, PollRule, ruleWords } from './logic';
import { councilVoters, Proxy, proxyVotingOn, representedBy } from './proxies';

const rules = new Map<string, Promise<PollRule | null>>();

/** The rule of a poll (GET /polls/:id), for its method, words and allowChange; asked once per poll. */
export function usePollRule(pollId: string): { data: PollRule | null; pending: boolean; error: Error | null } {
  const { lang } = useLang();
  const [state, setState] = useState<{ data: PollRule | null; pending: boolean; error: Error | null }>({ data: null, pending: true, error: null });
  useEffect(() => {
    let gone = false;
    let work = rules.get(pollId);
    if (!work) {
      work = getJson<{ rule?: PollRule | null }>(`/api/v1/polls/${pollId}`, { 'Accept-Language': lang }).then((p) => p.rule ?? null);
      rules.set(pollId, work);
      work.catch(() => rules.delete(pollId));
    }
    work.then(
      (data) => !gone && setState({ data, pending: false, error: null }),
      (error: Error) => !gone && setState({ data: null, pending: false, error }),
    );
    return () => {
      gone = true;
    };
  }, [pollId, lang]);
  return state;
}

/**
 * The members the signed-in member votes for in a poll (Proxy voting): the
 * poll's proxies in force held by them, fixed when it opened, with names.
 * Nothing is asked when the council has proxy voting off.
 */
function useRepresented(pollId: string, councilId: string, membershipId: string): OnBehalf[] {
  const [represented, setRepresented] = useState<OnBehalf[]>([]);
  useEffect(() => {
    let gone = false;
    void (async () => {
      if (!(await proxyVotingOn(councilId))) return;
      const ids = representedBy(await getAll<Proxy>(`/api/v1/polls/${pollId}/proxies`), membershipId);
      if (!ids.length) return;
      const voters = await councilVoters(councilId).catch(() => []);
      if (!gone) setRepresented(ids.map((id) => ({ membershipId: id, name: voters.find((v) => v.id === id)?.name ?? id })));
    })().catch(() => undefined);
    return () => {
      gone = true;
    };
  }, [pollId, councilId, membershipId]);
  return represented;
}

/**
 * An open poll: the rule in words, then the member's ballot and, for a
 * delegate, one clearly labelled ballot per member they represent.
 */
export function VotePanel({ poll, send, membershipId, councilId }: { poll: LivePoll; send: LiveSession['send']; membershipId: string; councilId: string }) {
  const t = useT();
  const rule = usePollRule(poll.id);
  const represented = useRepresented(poll.id, councilId, membershipId);
  const method = rule.data?.method ?? null;
  const changeable = mayChange(rule.data, poll.secret);
  const ballot = { poll, send, membershipId, method, changeable };

  return (
    <section aria-labelledby="m-vote" className="m-card m-vote" id="vote">
      <h2 id="m-vote" tabIndex={-1}>
        {t('member.vote')}
      </h2>
      <p className="m-question">{poll.question}</p>
      <p>
        {poll.secret ? t('member.secretPoll') : t('member.namedPoll')} · {t('poll.voted', { voted: poll.participation ?? 0, eligible: poll.eligibleCount ?? 0 })}
      </p>
      {rule.pending && <p>{t('member.ruleLoading')}</p>}
      {rule.error && <p className="problem">{rule.error.message}</p>}
      {rule.data && (
        <>
          <h3 className="m-sub">{t('member.rule')}</h3>
          <ul className="m-rule">
            {ruleWords(rule.data).map((w) => (
              <li key={w.id}>{t(w.id as MessageId, w.values)}</li>
            ))}
            <li>{t(changeable ? 'member.rule.mayChange' : 'member.rule.final')}</li>
          </ul>
        </>
      )}
      {/* The member's own ballot keeps its place (and its state) when the proxies arrive. */}
      {represented.length > 0 && <p>{t('member.proxy.represents', { count: represented.length })}</p>}
      <div className={represented.length ? 'm-ballot' : undefined} role={represented.length ? 'region' : undefined} aria-labelledby={represented.length ? 'm-own' : undefined}>
        {represented.length > 0 && (
          <h3 id="m-own" className="m-sub">
            {t('member.proxy.ownVote')}
          </h3>
        )}
        <Ballot {...ballot} labelledBy={represented.length ? 'm-own' : undefined} />
      </div>
      {represented.map((r) => (
        <section key={r.membershipId} aria-labelledby={`m-for-${r.membershipId}`} className="m-ballot m-ballot-for">
          <h3 id={`m-for-${r.membershipId}`} className="m-sub">
            {t('member.proxy.votingFor', { name: r.name })}
          </h3>
          <Ballot {...ballot} onBehalf={r} labelledBy={`m-for-${r.membershipId}`} />
        </section>
      ))}
    </section>
  );
}
