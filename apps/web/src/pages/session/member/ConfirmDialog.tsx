import { useId, useState } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { LiveChoice } from '@kenes/contracts';
import { useT } from '../../../i18n/useT';
import type { MessageId } from '../../../i18n/locale';
import { meaningId, Method, takesReason } from './logic';

interface Props {
  choice: LiveChoice | null;
  method: Method;
  question: string;
  onCancel: () => void;
  onConfirm: (reason: string | null) => void;
}

/** Asks the member to confirm a choice (with its meaning), and takes a reason for an against, an objection or a block. */
export default function ConfirmDialog({ choice, method, question, onCancel, onConfirm }: Props) {
  const t = useT();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  return (
    <ModalOverlay
      isOpen={choice !== null}
      isDismissable
      onOpenChange={(open) => {
        if (!open) {
          setReason('');
          onCancel();
        }
      }}
      className="m-overlay"
    >
      <Modal className="m-modal">
        <Dialog className="m-dialog">
          {choice && (
            <>
              <Heading slot="title">{t('member.confirmTitle')}</Heading>
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
                <Button
                  className="m-btn m-primary"
                  onPress={() => {
                    const r = takesReason(choice) && reason.trim() ? reason.trim() : null;
                    setReason('');
                    onConfirm(r);
                  }}
                >
                  {t('member.confirm')}
                </Button>
                <Button
                  className="m-btn"
                  onPress={() => {
                    setReason('');
                    onCancel();
                  }}
                >
                  {t('member.cancel')}
                </Button>
              </div>
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
