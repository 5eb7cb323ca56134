import { useState } from 'react';
import type { LivePoll } from '@kenes/contracts';
import { getJson } from './http';
import { useT } from '../../../i18n/useT';
import { isCounted, keptReceipt } from './logic';

type Check = { phase: 'checking' } | { phase: 'counted' } | { phase: 'missing' } | { phase: 'failed'; message: string };

/** Every receipt hash of a closed poll (GET /polls/:id/receipts, all pages). */
async function receiptHashes(pollId: string): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const q = new URLSearchParams({ limit: '200', ...(cursor ? { cursor } : {}) });
    const page = await getJson<{ items: { receiptHash: string }[]; nextCursor: string | null }>(`/api/v1/polls/${pollId}/receipts?${q}`);
    out.push(...page.items.map((i) => i.receiptHash));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/**
 * The receipts this browser keeps for the sitting's closed polls, each
 * checked on request against the poll's published receipt hashes.
 */
export function MyReceipts({ polls, membershipId }: { polls: LivePoll[]; membershipId: string }) {
  const t = useT();
  const [checks, setChecks] = useState<Record<string, Check>>({});
  const mine = polls
    .filter((p) => p.status === 'closed')
    .map((p) => ({ poll: p, kept: keptReceipt(typeof localStorage === 'undefined' ? null : localStorage, membershipId, p.id) }))
    .filter((x) => x.kept !== null);
  if (!mine.length) return null;
  const check = async (pollId: string, receipt: string) => {
    setChecks((c) => ({ ...c, [pollId]: { phase: 'checking' } }));
    try {
      const counted = await isCounted(receipt, await receiptHashes(pollId));
      setChecks((c) => ({ ...c, [pollId]: { phase: counted ? 'counted' : 'missing' } }));
    } catch (e) {
      setChecks((c) => ({ ...c, [pollId]: { phase: 'failed', message: e instanceof Error ? e.message : String(e) } }));
    }
  };
  return (
    <section aria-labelledby="m-receipts" className="m-card">
      <h2 id="m-receipts">{t('member.myReceipts')}</h2>
      <ul className="m-receipts">
        {mine.map(({ poll, kept }) => {
          const c = checks[poll.id];
          return (
            <li key={poll.id}>
              <p id={`m-rq-${poll.id}`}>{poll.question}</p>
              <p className="m-receipt-text">{kept!.receipt}</p>
              <button type="button" className="m-btn" aria-describedby={`m-rq-${poll.id}`} onClick={() => void check(poll.id, kept!.receipt)}>
                {t('member.checkReceipt')}
              </button>
              <p role="status" className={c?.phase === 'missing' || c?.phase === 'failed' ? 'problem' : undefined}>
                {c?.phase === 'checking' && t('member.checking')}
                {c?.phase === 'counted' && t('member.counted')}
                {c?.phase === 'missing' && t('member.notFound')}
                {c?.phase === 'failed' && c.message}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
