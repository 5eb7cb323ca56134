import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { LiveAgendaItem } from '@kenes/contracts';
import { api, unwrap } from '../../../api/client';
import { useCT } from './i18n';
import { CommandFeedback } from './Feedback';
import { wholeNumber } from './rule';
import { useCommand } from './useCommand';
import type { CouncilPerson } from './useConsoleData';

/** The proposals an item may carry: recommended or deferred (API.md). */
function useReadyProposals(councilId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['console', 'ready-proposals', councilId],
    enabled,
    queryFn: async () => {
      const of = async (status: 'recommended' | 'deferred') =>
        unwrap(await api.GET('/api/v1/councils/{councilId}/proposals', { params: { path: { councilId }, query: { status, limit: 200 } } })).items;
      const [recommended, deferred] = await Promise.all([of('recommended'), of('deferred')]);
      return [...recommended, ...deferred].map((p) => ({ id: p.id, title: p.title }));
    },
  });
}

/**
 * A new agenda item (POST /sessions/:id/agenda-items): a title, the time
 * allowance, a recommended or deferred proposal, the speakers chosen. Items
 * are not session events, so the console shows its own new items at once and
 * other screens see them when they next join.
 */
export function AddItemForm({ sessionId, councilId, people, onAdded }: { sessionId: string; councilId: string; people: CouncilPerson[]; onAdded: (item: LiveAgendaItem) => void }) {
  const t = useCT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [minutes, setMinutes] = useState('10');
  const [proposalId, setProposalId] = useState('');
  const [speakers, setSpeakers] = useState<string[]>([]);
  const { run, busy, feedback } = useCommand();
  const proposals = useReadyProposals(councilId, open);
  const m = wholeNumber(minutes);
  const minutesBad = m === null || m < 1;
  if (!open) {
    return (
      <>
        <button type="button" className="c-btn" aria-expanded={false} onClick={() => setOpen(true)}>
          {t('console.agenda.add')}
        </button>
        <CommandFeedback feedback={feedback} busy={busy} />
      </>
    );
  }
  return (
    <form
      className="c-additem"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        if (minutesBad || !title.trim()) return;
        const body = { title: title.trim(), minutes: m, speakerMembershipIds: speakers, ...(proposalId ? { proposalId } : {}) };
        void run(t('console.agenda.add'), async () => {
          const item = unwrap(await api.POST('/api/v1/sessions/{sessionId}/agenda-items', { params: { path: { sessionId } }, body: body as never }));
          onAdded({ id: item.id, position: item.position, title: item.title, proposalId: item.proposalId, speakerMembershipIds: item.speakerMembershipIds, minutes: item.minutes, status: item.status, decision: null });
          setOpen(false);
          setTitle('');
          setProposalId('');
          setSpeakers([]);
          return item;
        });
      }}
    >
      <h3 id={`${id}-h`}>{t('console.agenda.add')}</h3>
      <label className="c-field">
        <span>{t('console.agenda.itemTitle')}</span>
        <input value={title} maxLength={500} required onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="c-field c-inline">
        <span>{t('console.agenda.allowance')}</span>
        <input inputMode="numeric" size={4} value={minutes} aria-invalid={minutesBad} aria-describedby={minutesBad ? `${id}-min-err` : undefined} onChange={(e) => setMinutes(e.target.value)} />
        {minutesBad && (
          <span id={`${id}-min-err`} className="c-error">
            {t('console.rule.problem.positive')}
          </span>
        )}
      </label>
      <label className="c-field">
        <span>{t('console.agenda.proposal')}</span>
        <select value={proposalId} onChange={(e) => setProposalId(e.target.value)}>
          <option value="">{t('console.agenda.noProposal')}</option>
          {(proposals.data ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
      </label>
      <label className="c-field">
        <span>{t('console.agenda.speakers')}</span>
        <select multiple size={Math.min(5, Math.max(2, people.length))} value={speakers} onChange={(e) => setSpeakers([...e.target.selectedOptions].map((o) => o.value))}>
          {people
            .filter((p) => p.voter)
            .map((p) => (
              <option key={p.membershipId} value={p.membershipId}>
                {p.name}
              </option>
            ))}
        </select>
      </label>
      <div className="c-actions">
        <button type="submit" className="c-btn c-primary" disabled={!!busy || minutesBad || !title.trim()}>
          {t('console.agenda.addSubmit')}
        </button>
        <button type="button" className="c-btn" onClick={() => setOpen(false)}>
          {t('console.cancel')}
        </button>
      </div>
      <CommandFeedback feedback={feedback} busy={busy} />
    </form>
  );
}
