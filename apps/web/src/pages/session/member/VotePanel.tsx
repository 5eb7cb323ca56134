import { useEffect, useRef, useState } from 'react';
import type ConfirmDialogType from './ConfirmDialog';
import { LIVE_COMMANDS } from '@kenes/contracts';
import type { LiveChoice, LivePoll, LiveProblem } from '@kenes/contracts';
import { useLang } from '../../../i18n/LangProvider';
import type { MessageId } from '../../../i18n/locale';
import { useT } from '../../../i18n/useT';
import type { LiveSession } from '../../../live/useLiveSession';
import { getJson } from './http';
import { choicesFor, keepReceipt, KeptReceipt, keptReceipt, mayChange, meaningId, PollRule, ruleWords } from './logic';
import { ReceiptBox } from './ReceiptBox';
import { problemMessage } from './useCommand';
import { loadConfirmDialog } from './loadDialog';

/** One try at casting a ballot: its Idempotency-Key is fresh, and reused only to send this same ballot again. */
interface Attempt {
  choice: LiveChoice;
  reason: string | null;
  key: string;
}

type Delivery =
  | { phase: 'idle' }
  | { phase: 'delivering'; attempt: Attempt }
  | { phase: 'delivered'; attempt: Attempt }
  | { phase: 'refused'; attempt: Attempt; problem: LiveProblem };

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

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
 * An open poll: the rule in words, the buttons named by each choice the
 * method takes with its meaning, a confirmation, then "delivering" and the
 * receipt. A changed vote (when the rule allows it) is a new attempt.
 */
export function VotePanel({ poll, send, membershipId }: { poll: LivePoll; send: LiveSession['send']; membershipId: string }) {
  const t = useT();
  const rule = usePollRule(poll.id);
  const [picked, setPicked] = useState<LiveChoice | null>(null);
  const [delivery, setDelivery] = useState<Delivery>({ phase: 'idle' });
  const [kept, setKept] = useState<KeptReceipt | null>(() => keptReceipt(storage(), membershipId, poll.id));
  const receiptRef = useRef<HTMLDivElement>(null);
  // The dialog is fetched once a poll is open (not with the page), and again on a pick if that failed.
  const [Confirm, setConfirm] = useState<{ C: typeof ConfirmDialogType } | null>(null);
  const [dialogProblem, setDialogProblem] = useState(false);
  const fetchDialog = () =>
    loadConfirmDialog().then(
      (C) => {
        setConfirm({ C });
        setDialogProblem(false);
        return true;
      },
      () => false,
    );
  useEffect(() => {
    void fetchDialog();
  }, []);
  const pick = async (c: LiveChoice) => {
    if (!Confirm && !(await fetchDialog())) {
      setDialogProblem(true);
      return;
    }
    setPicked(c);
  };
  useEffect(() => {
    setKept(keptReceipt(storage(), membershipId, poll.id));
    setDelivery({ phase: 'idle' });
  }, [poll.id, membershipId]);
  useEffect(() => {
    if (delivery.phase === 'delivered') receiptRef.current?.focus();
  }, [delivery.phase]);

  const deliver = async (attempt: Attempt) => {
    setDelivery({ phase: 'delivering', attempt });
    const ack = await send<{ receipt: string }>(LIVE_COMMANDS.ballotCast, {
      pollId: poll.id,
      choice: attempt.choice,
      ...(attempt.reason ? { reason: attempt.reason } : {}),
      idempotencyKey: attempt.key,
    });
    if (ack.ok) {
      const k: KeptReceipt = { receipt: ack.receipt, choice: poll.secret ? null : attempt.choice, at: new Date().toISOString() };
      keepReceipt(storage(), membershipId, poll.id, k);
      setKept(k);
      setDelivery({ phase: 'delivered', attempt });
    } else setDelivery({ phase: 'refused', attempt, problem: ack.error });
  };

  const method = rule.data?.method ?? null;
  const changeable = mayChange(rule.data, poll.secret);
  const canVote = poll.status === 'open' && method !== null && (!kept || changeable) && delivery.phase !== 'delivering';
  const meaningDomId = (c: LiveChoice) => `m-meaning-${poll.id}-${c}`;

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
      {kept && (
        <p>
          {kept.choice ? t('member.yourVote', { choice: t(`choice.${kept.choice}`) }) : t('member.youVoted')} {changeable ? t('member.changeUntilClose') : ''}
        </p>
      )}
      {canVote && method && (
        <ul className="m-choices">
          {choicesFor(method).map((c) => (
            <li key={c}>
              <button type="button" className={`m-btn m-choice m-choice-${c}`} aria-describedby={meaningDomId(c)} onClick={() => void pick(c)}>
                {t(`choice.${c}`)}
              </button>
              <span id={meaningDomId(c)} className="m-meaning">
                {t(meaningId(method, c) as MessageId)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div role="status" className="m-delivery">
        {dialogProblem && <span className="problem">{t('member.noAnswer')}</span>}
        {delivery.phase === 'delivering' && t('member.delivering')}
        {delivery.phase === 'delivered' && t('member.delivered')}
        {delivery.phase === 'refused' && (
          <span className="problem">
            {t('member.refused')} {problemMessage(delivery.problem, t('member.noAnswer'))}
          </span>
        )}
      </div>
      {delivery.phase === 'refused' && delivery.problem.status === 0 && (
        <button type="button" className="m-btn" onClick={() => void deliver(delivery.attempt)}>
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
    </section>
  );
}
