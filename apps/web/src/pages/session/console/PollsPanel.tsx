import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { LiveAgendaItem, LivePoll } from '@kenes/contracts';
import { api } from '../../../api/client';
import type { LiveSession } from '../../../live/useLiveSession';
import { useLang } from '../../../i18n/LangProvider';
import { useCT } from './i18n';
import { ConsolePoll, PollCard } from './PollCard';
import { PollForm } from './PollForm';
import { useFocusKeeper } from './useFocusKeeper';

const draftsKey = (sessionId: string) => `kenes.console.drafts.${sessionId}`;

function readDrafts(sessionId: string): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(draftsKey(sessionId)) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Drafts are not session events (the live view knows only opened polls): the
 * console keeps the ids of those it created, for this browser, and reads them
 * from the API.
 */
function useDrafts(sessionId: string, opened: LivePoll[]) {
  const { lang } = useLang();
  const [ids, setIds] = useState<string[]>(() => readDrafts(sessionId));
  const pending = ids.filter((id) => !opened.some((p) => p.id === id));
  useEffect(() => {
    try {
      localStorage.setItem(draftsKey(sessionId), JSON.stringify(pending));
    } catch {
      // private mode: drafts last for this page
    }
  }, [sessionId, pending.join()]);
  const drafts = useQuery({
    queryKey: ['console', 'drafts', sessionId, pending.join()],
    enabled: pending.length > 0,
    queryFn: async () => {
      const polls = await Promise.all(pending.map(async (pollId) => (await api.GET('/api/v1/polls/{pollId}', { params: { path: { pollId }, header: { 'accept-language': lang } } })).data));
      return polls.filter((p) => p && p.status === 'draft').map((p) => p!);
    },
  });
  const list: ConsolePoll[] = (pending.length ? (drafts.data ?? []) : []).map((p) => ({ id: p.id, question: p.question, secret: p.secret, status: 'draft', eligibleCount: null, participation: null, counts: null, rule: (p.rule ?? null) as Record<string, unknown> | null }));
  return { drafts: list, add: (id: string) => setIds((old) => [...old, id]) };
}

/** Polls of the sitting: a new one from the open item, the drafts to open, the open ones and the results. */
export function PollsPanel({ live, sessionId, polls, item, chair }: { live: LiveSession; sessionId: string; polls: LivePoll[]; item: LiveAgendaItem | null; chair: boolean }) {
  const t = useCT();
  const keep = useFocusKeeper<HTMLElement>();
  const { drafts, add } = useDrafts(sessionId, polls);
  const shown: ConsolePoll[] = [...[...polls].reverse().map((p): ConsolePoll => ({ ...p })), ...drafts];
  // Open first, then drafts, then results, the latest first.
  const order = { open: 0, draft: 1, closed: 2 } as const;
  shown.sort((a, b) => order[a.status] - order[b.status]);
  return (
    <section ref={keep} className="c-panel" aria-labelledby="c-polls-h">
      <h2 id="c-polls-h" tabIndex={-1}>{t('console.poll.title')}</h2>
      {shown.length === 0 ? <p>{t('console.poll.none')}</p> : <ul className="c-polls">{shown.map((p) => <PollCard key={p.id} poll={p} live={live} chair={chair} />)}</ul>}
      <PollForm sessionId={sessionId} item={item} onCreated={add} />
    </section>
  );
}
