import { useEffect, useRef, useState } from 'react';
import type { LiveChoice } from '@kenes/contracts';
import { api, ApiProblem, unwrap } from '../../api/client';
import type { MessageId } from '../../i18n/locale';
import type ConfirmDialogType from '../session/member/ConfirmDialog';
import { loadConfirmDialog } from '../session/member/loadDialog';
import { choicesFor, keepReceipt, KeptReceipt, keptReceipt, mayChange, meaningId, Method, PollRule } from '../session/member/logic';
import { ReceiptBox } from '../session/member/ReceiptBox';
import { problemMessage } from '../session/console/problems';
import type { Poll } from './data';
import { usePT } from './i18n';

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

interface Attempt {
  choice: LiveChoice;
  reason: string | null;
  key: string;
}

type Delivery = { phase: 'idle' } | { phase: 'delivering' } | { phase: 'delivered' } | { phase: 'refused'; attempt: Attempt; status: number; message: string };

/**
 * The member's ballot on the poll page, as in the sitting view: buttons named
 * by the choices the method takes (with their meaning), the same
 * confirmation dialog, then the receipt in an element named `Receipt`, kept
 * in this browser per membership (where the sitting view keeps it too). Sent
 * with PUT /polls/:id/ballot and an Idempotency-Key reused only to retry the
 * same ballot; a changed vote where the rule allows it.
 */
export function VoteBox({ poll, voterId, onVoted }: { poll: Poll; voterId: string; onVoted: () => void }) {
  const t = usePT();
  const rule = (poll.rule ?? null) as PollRule | null;
  const method = (rule?.method ?? null) as Method | null;
  const changeable = mayChange(rule, poll.secret);
  const [kept, setKept] = useState<KeptReceipt | null>(() => keptReceipt(storage(), voterId, poll.id));
  const [picked, setPicked] = useState<LiveChoice | null>(null);
  const [delivery, setDelivery] = useState<Delivery>({ phase: 'idle' });
  const [Confirm, setConfirm] = useState<{ C: typeof ConfirmDialogType } | null>(null);
  const receiptRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    void loadConfirmDialog().then(
      (C) => setConfirm({ C }),
      () => setConfirm(null),
    );
  }, []);
  useEffect(() => {
    if (delivery.phase === 'delivered') receiptRef.current?.focus();
  }, [delivery.phase]);

  const deliver = async (attempt: Attempt) => {
    setDelivery({ phase: 'delivering' });
    try {
      const res = unwrap(
        await api.PUT('/api/v1/polls/{pollId}/ballot', {
          params: { path: { pollId: poll.id }, header: { 'idempotency-key': attempt.key } },
          body: { choice: attempt.choice, ...(attempt.reason ? { reason: attempt.reason } : {}) } as never,
        }),
      );
      const k: KeptReceipt = { receipt: res.receipt, choice: poll.secret ? null : attempt.choice, at: new Date().toISOString() };
      keepReceipt(storage(), voterId, poll.id, k);
      setKept(k);
      setDelivery({ phase: 'delivered' });
      onVoted();
    } catch (e) {
      const status = e instanceof ApiProblem ? e.status : 0;
      const message = status === 403 ? t('poll.vote.notEligible') : e instanceof ApiProblem ? problemMessage(e.problem, t('member.noAnswer')) : t('member.noAnswer');
      setDelivery({ phase: 'refused', attempt, status, message });
    }
  };
  const pick = async (c: LiveChoice) => {
    if (!Confirm) {
      try {
        setConfirm({ C: await loadConfirmDialog() });
      } catch {
        setDelivery({ phase: 'refused', attempt: { choice: c, reason: null, key: crypto.randomUUID() }, status: 0, message: t('member.noAnswer') });
        return;
      }
    }
    setPicked(c);
  };
  const canVote = poll.status === 'open' && method !== null && (!kept || changeable) && delivery.phase !== 'delivering';
  const meaning = (c: LiveChoice) => `p-meaning-${c}`;
  return (
    <>
      {kept && (
        <p>
          {kept.choice ? t('member.yourVote', { choice: t(`choice.${kept.choice}`) }) : t('member.youVoted')} {changeable && poll.status === 'open' ? t('member.changeUntilClose') : ''}
        </p>
      )}
      {canVote && method && (
        <ul className="p-choices">
          {choicesFor(method).map((c) => (
            <li key={c}>
              <button type="button" className={`p-btn p-choice p-choice-${c}`} aria-describedby={meaning(c)} onClick={() => void pick(c)}>
                {t(`choice.${c}`)}
              </button>
              <span id={meaning(c)} className="muted">
                {t(meaningId(method, c) as MessageId)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div role="status" className="p-delivery">
        {delivery.phase === 'delivering' && t('member.delivering')}
        {delivery.phase === 'delivered' && t('member.delivered')}
        {delivery.phase === 'refused' && (
          <span className="problem">
            {t('member.refused')} {delivery.message}
          </span>
        )}
      </div>
      {delivery.phase === 'refused' && delivery.status === 0 && (
        <button type="button" className="p-btn" onClick={() => void deliver(delivery.attempt)}>
          {t('member.retry')}
        </button>
      )}
      {kept && <ReceiptBox ref={receiptRef} receipt={kept.receipt} />}
      {method && picked && Confirm && (
        <Confirm.C
          choice={picked}
          method={method}
          question={poll.question}
          onCancel={() => setPicked(null)}
          onConfirm={(reason) => {
            const choice = picked;
            setPicked(null);
            if (choice) void deliver({ choice, reason, key: crypto.randomUUID() });
          }}
        />
      )}
    </>
  );
}
