import { useEffect, useId, useRef, useState } from 'react';
import type ConfirmDialogType from './ConfirmDialog';
import { LIVE_COMMANDS } from '@kenes/contracts';
import type { LiveChoice, LivePoll, LiveProblem } from '@kenes/contracts';
import type { MessageId } from '../../../i18n/locale';
import { useT } from '../../../i18n/useT';
import type { LiveSession } from '../../../live/useLiveSession';
import { choicesFor, keepReceipt, KeptReceipt, keptReceipt, meaningId, Method } from './logic';
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

/** Whose ballot this is: the member's own, or a represented member's (Proxy voting) with their name. */
export interface OnBehalf {
  membershipId: string;
  name: string;
}

/** Where this browser keeps the receipt: the member's own list, or one per member they vote for. */
const ownerOf = (membershipId: string, onBehalf: OnBehalf | null) => (onBehalf ? `${membershipId}.for.${onBehalf.membershipId}` : membershipId);

interface Props {
  poll: LivePoll;
  send: LiveSession['send'];
  membershipId: string;
  method: Method | null;
  changeable: boolean;
  onBehalf?: OnBehalf | null;
  /** The id of the heading that names whose ballot this is, when there are several. */
  labelledBy?: string;
}

/**
 * One ballot: the buttons named by each choice the method takes with its
 * meaning, a confirmation, then "delivering" and the receipt. A changed vote
 * (when the rule allows it) is a new attempt. For a represented member it is
 * cast with `onBehalfOf`, and the dialog says for whom.
 */
export function Ballot({ poll, send, membershipId, method, changeable, onBehalf = null, labelledBy }: Props) {
  const t = useT();
  const uid = useId();
  const owner = ownerOf(membershipId, onBehalf);
  const [picked, setPicked] = useState<LiveChoice | null>(null);
  const [delivery, setDelivery] = useState<Delivery>({ phase: 'idle' });
  const [kept, setKept] = useState<KeptReceipt | null>(() => keptReceipt(storage(), owner, poll.id));
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
    setKept(keptReceipt(storage(), owner, poll.id));
    setDelivery({ phase: 'idle' });
  }, [poll.id, owner]);
  useEffect(() => {
    if (delivery.phase === 'delivered') receiptRef.current?.focus();
  }, [delivery.phase]);

  const deliver = async (attempt: Attempt) => {
    setDelivery({ phase: 'delivering', attempt });
    const ack = await send<{ receipt: string }>(LIVE_COMMANDS.ballotCast, {
      pollId: poll.id,
      choice: attempt.choice,
      ...(attempt.reason ? { reason: attempt.reason } : {}),
      ...(onBehalf ? { onBehalfOf: onBehalf.membershipId } : {}),
      idempotencyKey: attempt.key,
    });
    if (ack.ok) {
      const k: KeptReceipt = { receipt: ack.receipt, choice: poll.secret ? null : attempt.choice, at: new Date().toISOString() };
      keepReceipt(storage(), owner, poll.id, k);
      setKept(k);
      setDelivery({ phase: 'delivered', attempt });
    } else setDelivery({ phase: 'refused', attempt, problem: ack.error });
  };

  const canVote = poll.status === 'open' && method !== null && (!kept || changeable) && delivery.phase !== 'delivering';
  const meaningDomId = (c: LiveChoice) => `m-meaning${uid}${c}`;
  const choiceWords = (c: LiveChoice) => t(`choice.${c}`);

  return (
    <>
      {kept && (
        <p>
          {onBehalf
            ? kept.choice
              ? t('member.proxy.theirVote', { name: onBehalf.name, choice: choiceWords(kept.choice) })
              : t('member.proxy.votedFor', { name: onBehalf.name })
            : kept.choice
              ? t('member.yourVote', { choice: choiceWords(kept.choice) })
              : t('member.youVoted')}{' '}
          {changeable ? t('member.changeUntilClose') : ''}
        </p>
      )}
      {canVote && method && (
        <ul className="m-choices">
          {choicesFor(method).map((c) => (
            <li key={c}>
              <button
                type="button"
                className={`m-btn m-choice m-choice-${c}`}
                aria-describedby={labelledBy ? `${meaningDomId(c)} ${labelledBy}` : meaningDomId(c)}
                onClick={() => void pick(c)}
              >
                {choiceWords(c)}
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
          onBehalfOf={onBehalf?.name ?? null}
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
