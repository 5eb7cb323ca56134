import { useEffect, useId, useRef, useState } from 'react';
import type { LiveChoice } from '@kenes/contracts';
import { useT } from '../../../i18n/useT';
import type { MessageId } from '../../../i18n/locale';
import { meaningId, Method, takesReason } from './logic';

interface Props {
  choice: LiveChoice | null;
  method: Method;
  question: string;
  /** The represented member's name when the delegate votes for them (Proxy voting). */
  onBehalfOf?: string | null;
  onCancel: () => void;
  onConfirm: (reason: string | null) => void;
}

/**
 * Asks the member to confirm a choice (with its meaning), and takes a reason for an against, an
 * objection or a block. The browser's own modal dialog (`<dialog>` shown with showModal): it moves
 * focus in, makes the page behind inert, closes on Escape and gives focus back, for 1 KB of script
 * where an overlay library would cost the phone 25 KB.
 */
export default function ConfirmDialog({ choice, method, question, onBehalfOf = null, onCancel, onConfirm }: Props) {
  const t = useT();
  const reasonId = useId();
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (choice !== null && !dialog.open) dialog.showModal();
    if (choice === null && dialog.open) dialog.close();
  }, [choice]);

  const cancel = () => {
    setReason('');
    onCancel();
  };
  const confirm = () => {
    const r = choice && takesReason(choice) && reason.trim() ? reason.trim() : null;
    setReason('');
    onConfirm(r);
  };

  return (
    <dialog
      ref={ref}
      className="m-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        // Escape: the parent closes it by clearing the choice.
        e.preventDefault();
        cancel();
      }}
      onClick={(e) => {
        // A press on the backdrop (outside the dialog's box) dismisses it.
        if (e.target === e.currentTarget) {
          const r = e.currentTarget.getBoundingClientRect();
          if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) cancel();
        }
      }}
    >
      {choice && (
        <>
          <h2 id={titleId}>{t('member.confirmTitle')}</h2>
          {onBehalfOf && (
            <p className="m-for">
              <strong>{t('member.proxy.votingFor', { name: onBehalfOf })}</strong>
            </p>
          )}
          <p>{question}</p>
          <p>
            <strong>{t(`choice.${choice}`)}</strong>: {t(meaningId(method, choice) as MessageId)}
          </p>
          {takesReason(choice) && (
            <div className="m-field">
              <label htmlFor={reasonId}>{t(method === 'consent' && choice === 'against' ? 'member.reason.objection' : 'member.reason')}</label>
              <textarea id={reasonId} value={reason} maxLength={2000} rows={3} onChange={(e) => setReason(e.target.value)} />
            </div>
          )}
          <div className="m-row">
            <button type="button" className="m-btn m-primary" onClick={confirm}>
              {t('member.confirm')}
            </button>
            <button type="button" className="m-btn" onClick={cancel}>
              {t('member.cancel')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
