import { useId, useState } from 'react';
import { sha256Hex } from '../session/member/logic';
import { receiptHashes } from './data';
import { usePT } from './i18n';

type Check = { phase: 'idle' } | { phase: 'checking' } | { phase: 'counted'; total: number } | { phase: 'missing'; total: number } | { phase: 'failed'; message: string };

/**
 * The voter's check that their ballot was counted: the receipt kept in this
 * browser (or one pasted in) is hashed here (SHA-256, lowercase hex, with
 * WebCrypto) and looked for among GET /polls/:id/receipts. The receipt never
 * leaves the browser.
 */
export function ReceiptCheck({ pollId, kept }: { pollId: string; kept: string | null }) {
  const t = usePT();
  const id = useId();
  const [receipt, setReceipt] = useState(kept ?? '');
  const [check, setCheck] = useState<Check>({ phase: 'idle' });
  const run = async () => {
    const r = receipt.trim();
    if (!r) return;
    setCheck({ phase: 'checking' });
    try {
      const [mine, hashes] = await Promise.all([sha256Hex(r), receiptHashes(pollId)]);
      setCheck(hashes.some((h) => h.toLowerCase() === mine) ? { phase: 'counted', total: hashes.length } : { phase: 'missing', total: hashes.length });
    } catch (e) {
      setCheck({ phase: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('poll.check.title')}</h2>
      <p className="muted" id={`${id}-hint`}>
        {kept ? t('poll.check.kept') : t('poll.check.paste')}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <div className="m-field">
          <label htmlFor={`${id}-r`}>{t('poll.check.field')}</label>
          <textarea id={`${id}-r`} rows={2} value={receipt} aria-describedby={`${id}-hint`} spellCheck={false} onChange={(e) => setReceipt(e.target.value)} />
        </div>
        <button type="submit" className="m-btn" disabled={!receipt.trim() || check.phase === 'checking'}>
          {t('poll.check.button')}
        </button>
      </form>
      <p role="status" className={check.phase === 'missing' || check.phase === 'failed' ? 'problem' : undefined}>
        {check.phase === 'checking' && t('member.checking')}
        {check.phase === 'counted' && t('poll.check.counted', { total: check.total })}
        {check.phase === 'missing' && t('poll.check.missing', { total: check.total })}
        {check.phase === 'failed' && t('poll.error', { message: check.message })}
      </p>
    </section>
  );
}
