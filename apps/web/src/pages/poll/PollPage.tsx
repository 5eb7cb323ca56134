import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { api, ApiProblem, unwrap } from '../../api/client';
import { Layout } from '../../components/Layout';
import { useLang } from '../../i18n/LangProvider';
import { RuleWords } from '../../rules/RuleWords';
import type { RuleLike } from '../../rules/words';
import { NotFoundState } from '../NotFound';
import { keptReceipt } from '../session/member/logic';
import type { Poll } from './data';
import { pollKey, useGroup, useMe, usePoll } from './data';
import { PollIntl, usePT } from './i18n';
import { Membership, standing } from './logic';
import { Opinions } from './Opinions';
import { ReceiptCheck } from './ReceiptCheck';
import { TallyView } from './TallyView';
import { useAction } from './useAction';
import { VoteBox } from './VoteBox';
import '../session/member/member.css';
import './poll.css';

/** /polls/:pollId: the rule in words before voting, the vote, the tally and its explanation, the receipt check, minority opinions. */
export default function PollPage() {
  return (
    <Layout>
      <PollIntl>
        <PollView />
      </PollIntl>
    </Layout>
  );
}

const today = () => new Date().toISOString().slice(0, 10);

function PollView() {
  const t = usePT();
  const { pollId } = useParams({ from: '/app/polls/$pollId' });
  const { lang } = useLang();
  const poll = usePoll(pollId, lang);
  const me = useMe();
  const group = useGroup(poll.data?.workingGroupId);
  if (poll.error) {
    const status = poll.error instanceof ApiProblem ? poll.error.status : 0;
    if (status === 404 || status === 400 || status === 403) return <NotFoundState />;
    return (
      <>
        <h1>{t('poll.title')}</h1>
        <p role="alert">{t('poll.error', { message: poll.error.message })}</p>
      </>
    );
  }
  if (poll.isPending || me.isPending || (poll.data.workingGroupId && group.isPending)) {
    return (
      <>
        <h1>{t('poll.title')}</h1>
        <p role="status">{t('poll.loading')}</p>
      </>
    );
  }
  const p = poll.data;
  const members = group.data?.members ?? null;
  const who = standing((me.data?.memberships ?? []) as Membership[], p.councilId, p.workingGroupId ? members : null, today());
  const names = new Map((members ?? []).map((m) => [m.membershipId, m.fullName]));
  return <Loaded poll={p} who={who} names={names} groupName={group.data?.name ?? null} groupSize={members ? members.length : null} />;
}

function Loaded({ poll: p, who, names, groupName, groupSize }: { poll: Poll; who: ReturnType<typeof standing>; names: Map<string, string>; groupName: string | null; groupSize: number | null }) {
  const t = usePT();
  const qc = useQueryClient();
  const proposal = useQuery({
    queryKey: ['proposal', p.proposalId],
    enabled: !!p.proposalId,
    queryFn: async () => unwrap(await api.GET('/api/v1/proposals/{proposalId}', { params: { path: { proposalId: p.proposalId! } } })),
  });
  const { lang } = useLang();
  const manage = useAction();
  const refresh = () => qc.invalidateQueries({ queryKey: pollKey(p.id) });
  const kept = who.voterId ? keptReceipt(typeof localStorage === 'undefined' ? null : localStorage, who.voterId, p.id) : null;
  const eligible = p.eligibleCount ?? groupSize;
  const act = (what: 'open' | 'close') =>
    void manage.run(t(what === 'open' ? 'poll.open' : 'poll.close'), async () => {
      const res = what === 'open' ? await api.POST('/api/v1/polls/{pollId}/open', { params: { path: { pollId: p.id }, header: { 'accept-language': lang } } }) : await api.POST('/api/v1/polls/{pollId}/close', { params: { path: { pollId: p.id }, header: { 'accept-language': lang } } });
      const next = unwrap(res);
      qc.setQueryData(pollKey(p.id), next);
      await refresh();
      return next;
    });
  return (
    <div className="p-page">
      <p className="muted">{groupName ? t('poll.kind.group', { name: groupName }) : t('poll.kind.session')}</p>
      <h1>{p.question}</h1>
      {p.proposalId && (
        <p>
          {t('poll.onProposal')} <a href={`/proposals/${p.proposalId}`}>{proposal.data?.title ?? t('poll.proposal')}</a>
        </p>
      )}
      <p className="p-status" data-status={p.status}>
        <strong>{t(`poll.status.${p.status}`)}</strong> {p.secret ? t('member.secretPoll') : ''}
        {p.status !== 'draft' && p.eligibleCount !== null && p.participation !== null && <> · {t('poll.voted', { count: p.participation, eligible: p.eligibleCount })}</>}
      </p>
      {who.coordinator && p.workingGroupId && p.status !== 'closed' && (
        <section className="card" aria-labelledby="p-manage-h">
          <h2 id="p-manage-h">{t('poll.manage')}</h2>
          {p.status === 'draft' && (
            <button type="button" className="m-btn m-primary" disabled={manage.busy} onClick={() => act('open')}>
              {t('poll.open')}
            </button>
          )}
          {p.status === 'open' && (
            <button type="button" className="m-btn m-primary" disabled={manage.busy} onClick={() => act('close')}>
              {t('poll.close')}
            </button>
          )}
          {manage.feedback}
        </section>
      )}
      {p.rule && <RuleWords rule={p.rule as RuleLike} secret={p.secret} eligible={eligible} exampleSize={eligible} />}
      {p.status !== 'closed' && (
        <section className="card" aria-labelledby="p-vote-h">
          <h2 id="p-vote-h">{t('poll.vote')}</h2>
          {p.status === 'draft' && <p>{t('poll.vote.notOpen')}</p>}
          {p.status === 'open' && !who.mayVote && <p>{t('poll.vote.notEligible')}</p>}
          {p.status === 'open' && who.mayVote && who.voterId && <VoteBox poll={p} voterId={who.voterId} onVoted={() => void refresh()} />}
        </section>
      )}
      {p.status === 'closed' && p.tally && (
        <>
          <TallyView poll={p} chair={who.chair} names={names} />
          <ReceiptCheck pollId={p.id} kept={kept?.receipt ?? null} />
          <Opinions poll={p} outcome={p.tally.outcome} voterId={who.voterId} acknowledges={who.acknowledges} kept={kept?.receipt ?? null} />
        </>
      )}
    </div>
  );
}
