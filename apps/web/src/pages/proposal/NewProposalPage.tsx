import { FormEvent, useState } from 'react';
import { useNavigate, useParams } from '@tanstack/react-router';
import { api, ApiProblem, unwrap } from '../../api/client';
import { useAuth } from '../../api/useAuth';
import { Layout } from '../../components/Layout';
import { NotFoundState } from '../NotFound';
import { problemMessage } from '../session/console/problems';
import { useGroup } from './data';
import { Feedback } from './Feedback';
import { ProposalIntl, usePT } from './i18n';
import './proposal.css';

/** /working-groups/$groupId/proposals/new: a group member drafts a proposal, then lands on its page. */
export default function NewProposalPage() {
  return (
    <ProposalIntl>
      <Layout>
        <NewProposal />
      </Layout>
    </ProposalIntl>
  );
}

function NewProposal() {
  const t = usePT();
  const { groupId } = useParams({ from: '/app/working-groups/$groupId/proposals/new' });
  const group = useGroup(groupId);
  const auth = useAuth();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [body, setBody] = useState('');
  const [coAuthors, setCoAuthors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  if (group.isPending) return <p role="status">{t('proposal.loading')}</p>;
  if (group.error) return <p role="alert">{t('proposal.error', { message: group.error.message })}</p>;
  if (!group.data) return <NotFoundState />;
  const g = group.data;
  const member = g.members.some((m) => m.userId === auth?.user.id);
  const others = g.members.filter((m) => m.userId !== auth?.user.id);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setResult(null);
    try {
      const created = unwrap(
        await api.POST('/api/v1/working-groups/{groupId}/proposals', { params: { path: { groupId } }, body: { title, summary, body, ...(coAuthors.length ? { coAuthorMembershipIds: coAuthors } : {}) } }),
      );
      await navigate({ to: '/proposals/$proposalId', params: { proposalId: created.id } });
    } catch (err) {
      setResult({ ok: false, text: t('proposal.new.failed', { message: problemMessage(err instanceof ApiProblem ? err.problem : undefined, (err as Error).message) }) });
      setBusy(false);
    }
  };

  return (
    <div className="proposal new-proposal">
      <h1>{t('proposal.new.title', { group: g.name })}</h1>
      {!member ? (
        <p>{t('proposal.new.notMember')}</p>
      ) : (
        <form className="edit-form card" onSubmit={(e) => void submit(e)}>
          <label htmlFor="np-title">{t('proposal.field.title')}</label>
          <input id="np-title" value={title} required onChange={(e) => setTitle(e.target.value)} />
          <label htmlFor="np-summary">{t('proposal.field.summary')}</label>
          <textarea id="np-summary" rows={3} value={summary} required onChange={(e) => setSummary(e.target.value)} />
          <label htmlFor="np-body">{t('proposal.field.body')}</label>
          <textarea id="np-body" rows={10} value={body} required onChange={(e) => setBody(e.target.value)} />
          <fieldset>
            <legend>{t('proposal.new.coAuthors')}</legend>
            {others.length === 0 && <p className="muted">{t('proposal.new.noCoAuthors')}</p>}
            {others.map((m) => (
              <label key={m.membershipId} className="check">
                <input
                  type="checkbox"
                  checked={coAuthors.includes(m.membershipId)}
                  onChange={() => setCoAuthors((l) => (l.includes(m.membershipId) ? l.filter((x) => x !== m.membershipId) : [...l, m.membershipId]))}
                />{' '}
                {m.fullName}
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={busy}>
            {busy ? t('proposal.new.creating') : t('proposal.new.submit')}
          </button>
          <Feedback result={result} />
        </form>
      )}
    </div>
  );
}
