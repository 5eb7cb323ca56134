import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { api, ApiProblem, unwrap } from '../../api/client';
import { useMyMemberships } from '../../api/memberships';
import { useAuth } from '../../api/useAuth';
import { Layout } from '../../components/Layout';
import { useReleaseFirstPaint } from '../../firstPaint';
import { NotFoundState } from '../NotFound';
import { problemMessage } from '../session/console/problems';
import { ConsultationsPanel } from './Consultations';
import { keys, Proposal, useComments, useGroup, useProposal, useTrace } from './data';
import { EditPanel } from './Edit';
import { Feedback } from './Feedback';
import { ProposalIntl, usePT } from './i18n';
import { statusName } from './status';
import { PollsPanel } from './Polls';
import { allowedTargets, isEditable, mayOpenConsultation, ProposalStatus, versionsOf } from './rules';
import { TextPanel } from './TextPanel';
import { TracePanel } from './Trace';
import { VersionsPanel } from './Versions';
import './proposal.css';

/** /proposals/$proposalId: the proposal's dossier. */
export default function ProposalPage() {
  return (
    <ProposalIntl>
      <Layout>
        <Dossier />
      </Layout>
    </ProposalIntl>
  );
}

/** What the signed-in user is to this proposal. */
export interface Viewer {
  userId: string | null;
  coAuthor: boolean;
  coordinator: boolean;
  groupMember: boolean;
  secretariat: boolean;
}

function Dossier() {
  const t = usePT();
  const { proposalId } = useParams({ from: '/app/proposals/$proposalId' });
  const proposal = useProposal(proposalId);
  // Asked at once, beside the proposal (not after it): what the caller may not read answers 404 there too, and the page then shows only the not-found state.
  const comments = useComments(proposalId);
  const trace = useTrace(proposalId);
  const group = useGroup(proposal.data?.workingGroupId);
  // The header's own answer (GET /auth/me, kept a minute): not asked for a second time.
  const { memberships } = useMyMemberships();
  const auth = useAuth();
  const p = proposal.data;
  const versions = useMemo(() => (trace.data ? versionsOf(trace.data) : null), [trace.data]);

  const viewer: Viewer = useMemo(() => {
    const userId = auth?.user.id ?? null;
    const today = new Date().toISOString().slice(0, 10);
    const roles = (memberships ?? []).filter((m) => m.councilId === p?.councilId && m.startsOn <= today && (!m.endsOn || m.endsOn >= today)).flatMap((m) => m.roles);
    const seat = group.data?.members.find((m) => m.userId === userId);
    return {
      userId,
      coAuthor: !!p?.authors.some((a) => a.userId === userId),
      coordinator: seat?.role === 'coordinator',
      groupMember: !!seat,
      secretariat: roles.includes('secretariat'),
    };
  }, [auth, memberships, p, group.data]);

  // The server's first paint (text, comments, versions) gives way once this page shows as much, or its error.
  useReleaseFirstPaint(!!proposal.error || (!!p && !comments.isPending && !trace.isPending));

  if (proposal.error) {
    const status = (proposal.error as { status?: number }).status ?? 0;
    if (status === 404 || status === 400 || status === 403) return <NotFoundState />;
    return <p role="alert">{t('proposal.error', { message: proposal.error.message })}</p>;
  }
  if (!p) return <p role="status">{t('proposal.loading')}</p>;

  return (
    <div className="proposal">
      <Header p={p} groupName={group.data?.name ?? null} />
      <Actions p={p} viewer={viewer} />
      {viewer.coAuthor && isEditable(p.status as ProposalStatus) && <EditPanel p={p} />}
      <div className="dossier-grid">
        <TextPanel p={p} versions={versions} comments={comments.data} commentsLoading={comments.isPending} mayComment={viewer.groupMember} />
        <VersionsPanel p={p} versions={versions} />
        <ConsultationsPanel p={p} mayOpen={mayOpenConsultation(p.status as ProposalStatus, viewer)} mayReply={viewer.coAuthor} />
        <PollsPanel proposalId={p.id} />
        <TracePanel p={p} trace={trace.data ?? null} />
      </div>
    </div>
  );
}

function Header({ p, groupName }: { p: Proposal; groupName: string | null }) {
  const t = usePT();
  return (
    <header className="proposal-head">
      <h1>{p.title}</h1>
      <p className="status-line">
        <span className={`badge status-${p.status}`}>{t('proposal.status', { status: statusName(t, p.status) })}</span>{' '}
        <span>{t('proposal.versionOf', { version: p.version, count: p.currentVersion })}</span>
      </p>
      <p>{t('proposal.authors', { names: p.authors.map((a) => a.fullName).join(', ') })}</p>
      {groupName !== null && (
        <p>
          {t('proposal.group', { name: groupName })} ·{' '}
          <Link to="/working-groups/$groupId/proposals/new" params={{ groupId: p.workingGroupId }}>
            {t('proposal.newInGroup')}
          </Link>
        </p>
      )}
      {p.origin?.type === 'petition' && (
        <p>
          <a href={`/petitions/${p.origin.id}`}>{t('proposal.fromPetition')}</a>
        </p>
      )}
    </header>
  );
}

/** The moves this user may request now, as buttons (POST /transitions). */
function Actions({ p, viewer }: { p: Proposal; viewer: Viewer }) {
  const t = usePT();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const targets = allowedTargets(p.status as ProposalStatus, viewer);
  const move = async (to: ProposalStatus) => {
    setBusy(true);
    setResult(null);
    try {
      const moved = unwrap(await api.POST('/api/v1/proposals/{proposalId}/transitions', { params: { path: { proposalId: p.id } }, body: { to } }));
      setResult({ ok: true, text: t('proposal.move.done', { status: statusName(t, moved.status) }) });
    } catch (e) {
      const problem = e instanceof ApiProblem ? e.problem : undefined;
      const allowed = (problem as { allowed?: string[] } | undefined)?.allowed;
      const hint = allowed ? ' ' + (allowed.length ? t('proposal.move.allowed', { targets: allowed.map((s) => statusName(t, s)).join(', ') }) : t('proposal.move.nothingAllowed')) : '';
      setResult({ ok: false, text: t('proposal.move.refused', { message: problemMessage(problem, (e as Error).message) }) + hint });
    } finally {
      setBusy(false);
      await Promise.all([qc.invalidateQueries({ queryKey: keys.proposal(p.id) }), qc.invalidateQueries({ queryKey: keys.trace(p.id) })]);
    }
  };
  if (!targets.length && !result) return null;
  return (
    <section className="card actions" aria-labelledby="p-actions-h">
      <h2 id="p-actions-h">{t('proposal.actions')}</h2>
      {targets.length ? (
        <div className="buttons">
          {targets.map((to) => (
            <button key={to} type="button" disabled={busy} className={to === 'withdrawn' ? 'secondary' : undefined} onClick={() => void move(to)}>
              {t(`proposal.move.${to}` as 'proposal.move.withdrawn')}
            </button>
          ))}
        </div>
      ) : (
        <p>{t('proposal.actions.none')}</p>
      )}
      <Feedback result={result} />
    </section>
  );
}
