import { forwardRef, useId, useState } from 'react';
import { useT } from '../../../i18n/useT';

/** The receipt in an element named `Receipt`, with a Copy button. */
export const ReceiptBox = forwardRef<HTMLDivElement, { receipt: string }>(function ReceiptBox({ receipt }, ref) {
  const t = useT();
  const labelId = useId();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(receipt);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <div className="m-receipt" ref={ref} tabIndex={-1}>
      <span id={labelId} className="m-receipt-label">
        {t('member.receipt')}
      </span>
      <output aria-labelledby={labelId} className="m-receipt-text">
        {receipt}
      </output>
      <div className="m-row">
        <button type="button" className="m-btn" onClick={() => void copy()}>
          {t('member.copy')}
        </button>
        <span role="status">{copied === 'yes' ? t('member.copied') : copied === 'no' ? t('member.copyFailed') : ''}</span>
      </div>
      <p className="m-hint">{t('member.receiptHint')}</p>
    </div>
  );
});
