import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { api, ApiProblem, unwrap } from '../../api/client';
import { Layout } from '../../components/Layout';
import { useLang } from '../../i18n/LangProvider';
import { buildRule, DEFAULT_RULE_FORM, RuleForm, RuleProblem } from '../../rules/rule';
import { RuleFields } from '../../rules/RuleFields';
import { RuleWords } from '../../rules/RuleWords';
import { NotFoundState } from '../NotFound';
import { useGroup, useMe } from './data';
import { PollIntl, usePT } from './i18n';
import { Membership, standing } from './logic';
import { useAction } from './useAction';
import '../session/member/member.css';
import './poll.css';

/** A group poll has no one "present": the other bases only. */
const GROUP_BASES = ['cast', 'cast_with_abstentions', 'eligible'] as const;

/** /working-groups/:groupId/polls/new?proposalId=: the coordinator builds the rule (reading it in words) and creates the poll, then opens it on its page. */
export default function NewPollPage() {
  return (
    <Layout>
      <PollIntl>
        <NewPoll />
      </PollIntl>
    </Layout>
  );
}

function NewPoll() {
  const t = usePT();
  const { groupId } = useParams({ from: '/app/working-groups/$groupId/polls/new' });
  const { proposalId } = useSearch({ from: '/app/working-groups/$groupId/polls/new' });
  const group = useGroup(groupId);
  const me = useMe();
  const proposal = useQuery({
    queryKey: ['proposal', proposalId],
    enabled: !!proposalId,
    queryFn: async () => unwrap(await api.GET('/api/v1/proposals/{proposalId}', { params: { path: { proposalId: proposalId! } } })),
  });
  if (group.error) {
    const status = group.error instanceof ApiProblem ? group.error.status : 0;
    if (status === 404 || status === 400 || status === 403) return <NotFoundState />;
    return (
      <>
        <h1>{t('poll.new.titlePlain')}</h1>
        <p role="alert">{t('poll.error', { message: group.error.message })}</p>
      </>
    );
  }
  if (group.isPending || me.isPending || (proposalId && proposal.isPending)) {
    return (
      <>
        <h1>{t('poll.new.titlePlain')}</h1>
        <p role="status">{t('poll.loading')}</p>
      </>
    );
  }
  const g = group.data;
  const who = standing((me.data?.memberships ?? []) as Membership[], g.councilId, g.members, new Date().toISOString().slice(0, 10));
  if (!who.coordinator) {
    return (
      <>
        <h1>{t('poll.new.title', { group: g.name })}</h1>
        <p className="p-note">{t('poll.new.notCoordinator', { group: g.name })}</p>
      </>
    );
  }
  const subject = proposalId && proposal.data ? { id: proposalId, title: proposal.data.title } : null;
  return <Form groupId={groupId} groupName={g.name} groupSize={g.members.length} subject={subject} />;
}

function Form({ groupId, groupName, groupSize, subject }: { groupId: string; groupName: string; groupSize: number; subject: { id: string; title: string } | null }) {
  const t = usePT();
  const id = useId();
  const { lang } = useLang();
  const navigate = useNavigate();
  const [form, setForm] = useState<RuleForm>({ ...DEFAULT_RULE_FORM });
  const [question, setQuestion] = useState('');
  const [problems, setProblems] = useState<RuleProblem[]>([]);
  const action = useAction();
  const suggested = subject ? t('poll.new.suggested', { title: subject.title }) : '';
  const preview = buildRule(form).rule;
  return (
    <form
      className="p-new"
      aria-labelledby={`${id}-h`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const built = buildRule(form);
        setProblems(built.problems);
        const q = question.trim() || suggested;
        if (!built.rule || !q) return;
        const body = { question: q, secret: form.secret, rule: built.rule, ...(subject ? { proposalId: subject.id } : {}) };
        void action.run(t('poll.new.create'), async () => {
          const poll = unwrap(await api.POST('/api/v1/working-groups/{groupId}/polls', { params: { path: { groupId }, header: { 'accept-language': lang } }, body: body as never }));
          await navigate({ to: '/polls/$pollId', params: { pollId: poll.id } });
          return poll;
        });
      }}
    >
      <h1 id={`${id}-h`}>{t('poll.new.title', { group: groupName })}</h1>
      {subject && (
        <p>
          {t('poll.onProposal')} <a href={`/proposals/${subject.id}`}>{subject.title}</a>
        </p>
      )}
      <div className="m-field">
        <label htmlFor={`${id}-q`}>{t('poll.new.question')}</label>
        <input id={`${id}-q`} className="p-input" value={question} placeholder={suggested} maxLength={500} aria-describedby={suggested ? `${id}-qh` : undefined} onChange={(e) => setQuestion(e.target.value)} />
        {suggested && (
          <span id={`${id}-qh`} className="muted">
            {t('poll.new.questionHint', { question: suggested })}
          </span>
        )}
      </div>
      <div className="p-builder">
        <RuleFields form={form} onChange={setForm} problems={problems} bases={GROUP_BASES} />
        <RuleWords rule={preview} secret={form.secret} eligible={groupSize} exampleSize={groupSize} />
      </div>
      <p className="muted">{t('poll.new.groupSize', { count: groupSize })}</p>
      <button type="submit" className="m-btn m-primary" disabled={action.busy || (!question.trim() && !suggested)}>
        {t('poll.new.create')}
      </button>
      {action.feedback}
    </form>
  );
}
