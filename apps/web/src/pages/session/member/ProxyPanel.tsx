import { useCallback, useEffect, useId, useState } from 'react';
import { useT } from '../../../i18n/useT';
import { getAll, postJson } from './http';
import { councilVoters, myProxy, Proxy, proxyVotingOn, Voter } from './proxies';

type Feedback = { phase: 'idle' } | { phase: 'busy' } | { phase: 'done'; text: string } | { phase: 'refused'; message: string };

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Proxy voting, for a council that allows it: the member gives a proxy for
 * this sitting to a colleague with a vote, sees it and its status, and
 * revokes it; and sees whom they vote for (listed again when attendance's
 * count of represented members changes). A refusal shows the problem's
 * own words. Outside the sitting page (the home page lists one per sitting)
 * it takes its own heading, at the level that fits there.
 */
export function ProxyPanel({
  councilId,
  sessionId,
  membershipId,
  represented,
  heading,
  level = 2,
}: {
  councilId: string;
  sessionId: string;
  membershipId: string;
  represented?: number;
  heading?: string;
  level?: 2 | 3 | 4;
}) {
  const t = useT();
  const selectId = useId();
  const headingId = useId();
  const Heading = `h${level}` as const;
  const [on, setOn] = useState(false);
  const [voters, setVoters] = useState<Voter[] | null>(null);
  const [proxies, setProxies] = useState<Proxy[] | null>(null);
  const [delegate, setDelegate] = useState('');
  const [feedback, setFeedback] = useState<Feedback>({ phase: 'idle' });
  const [loadProblem, setLoadProblem] = useState<string | null>(null);

  const reload = useCallback(
    () =>
      getAll<Proxy>(`/api/v1/sessions/${sessionId}/proxies`).then(
        (p) => setProxies(p),
        (e: unknown) => setLoadProblem(messageOf(e)),
      ),
    [sessionId],
  );
  useEffect(() => {
    let gone = false;
    proxyVotingOn(councilId).then(
      (yes) => {
        if (gone || !yes) return;
        setOn(true);
        void reload();
        councilVoters(councilId).then(
          (v) => !gone && setVoters(v),
          (e: unknown) => !gone && setLoadProblem(messageOf(e)),
        );
      },
      () => undefined,
    );
    return () => {
      gone = true;
    };
  }, [councilId, reload]);
  // A proxy given or revoked by someone else changes the count of represented members: list them again.
  useEffect(() => {
    if (on && represented !== undefined) void reload();
  }, [represented]);

  if (!on) return null;
  const nameOf = (id: string) => voters?.find((v) => v.id === id)?.name ?? '…';
  const mine = proxies ? myProxy(proxies, membershipId) : null;
  const inForce = mine && mine.status !== 'revoked' ? mine : null;
  const held = (proxies ?? []).filter((p) => p.delegateMembershipId === membershipId && p.status !== 'revoked');
  const others = (voters ?? []).filter((v) => v.id !== membershipId);
  const busy = feedback.phase === 'busy';

  const act = async (work: () => Promise<unknown>, done: string) => {
    if (busy) return;
    setFeedback({ phase: 'busy' });
    try {
      await work();
      setFeedback({ phase: 'done', text: done });
    } catch (e) {
      setFeedback({ phase: 'refused', message: messageOf(e) });
    }
    await reload();
  };
  const give = () => {
    if (!delegate) {
      setFeedback({ phase: 'refused', message: t('member.proxy.chooseFirst') });
      return;
    }
    void act(() => postJson(`/api/v1/councils/${councilId}/proxies`, { delegateMembershipId: delegate, sessionId }), t('member.proxy.given', { name: nameOf(delegate) }));
  };
  const revoke = (p: Proxy) => void act(() => postJson(`/api/v1/proxies/${p.id}/revocation`), t('member.proxy.revokedNow'));

  return (
    <section aria-labelledby={headingId} className="m-card">
      <Heading id={headingId}>{heading ?? t('member.proxy')}</Heading>
      {loadProblem && <p className="problem">{loadProblem}</p>}
      {inForce ? (
        <>
          <p>{t('member.proxy.mine', { name: nameOf(inForce.delegateMembershipId) })}</p>
          <p>{t(`member.proxy.status.${inForce.status}`)}</p>
          <button type="button" className="m-btn" aria-disabled={busy || undefined} onClick={() => revoke(inForce)}>
            {t('member.proxy.revoke')}
          </button>
        </>
      ) : (
        proxies &&
        voters && (
          <>
            <p className="m-hint">{t('member.proxy.hint')}</p>
            {mine?.status === 'revoked' && <p>{t('member.proxy.wasRevoked', { name: nameOf(mine.delegateMembershipId) })}</p>}
            <div className="m-field">
              <label htmlFor={selectId}>{t('member.proxy.giveTo')}</label>
              <div className="m-row">
                <select id={selectId} value={delegate} onChange={(e) => setDelegate(e.target.value)}>
                  <option value="">{t('member.proxy.choose')}</option>
                  {others.map((v) => (
                    <option key={v.id} value={v.id}>
                      {v.name}
                    </option>
                  ))}
                </select>
                <button type="button" className="m-btn m-primary" aria-disabled={busy || undefined} onClick={give}>
                  {t('member.proxy.give')}
                </button>
              </div>
            </div>
          </>
        )
      )}
      {held.length > 0 && <p>{t('member.proxy.held', { count: held.length, names: held.map((p) => nameOf(p.delegatorMembershipId)).join(', ') })}</p>}
      <p role="status" className={feedback.phase === 'refused' ? 'm-feedback problem' : 'm-feedback'}>
        {feedback.phase === 'busy' && t('member.sending')}
        {feedback.phase === 'done' && feedback.text}
        {feedback.phase === 'refused' && (
          <>
            <span className="m-refused">{t('member.refused')} </span>
            {feedback.message}
          </>
        )}
      </p>
    </section>
  );
}
