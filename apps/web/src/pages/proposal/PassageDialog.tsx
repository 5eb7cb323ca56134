import { useEffect, useId, useRef, useState } from 'react';
import { usePT } from './i18n';
import { Anchor, fieldAnchor } from './rules';

interface Props {
  open: boolean;
  version: number;
  body: string;
  onChoose: (chosen: { anchor: Anchor; quote: string }) => void;
  onClose: () => void;
}

const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * Choosing the passage that a comment is anchored to, by keyboard: the
 * version's body in a read-only text field, where the caret moves with the
 * arrow keys and Shift selects (as in any text field, and read out by screen
 * readers), the words chosen announced as they change, then "Use this
 * passage". The browser's own modal dialog (`<dialog>` with showModal) moves
 * focus in, makes the page behind inert, closes on Escape and gives focus
 * back, for no script library.
 */
export function PassageDialog({ open, version, body, onChoose, onClose }: Props) {
  const t = usePT();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const [chosen, setChosen] = useState<{ anchor: Anchor; quote: string } | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setChosen(null);
      dialog.showModal();
      // The text first, with the caret at its start: the arrows begin to read and select at once.
      field.current?.setSelectionRange(0, 0);
      field.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const read = () => {
    const f = field.current;
    if (!f) return;
    const a = fieldAnchor(version, body, f.selectionStart, f.selectionEnd);
    setChosen(a ? { anchor: a, quote: body.slice(a.start, a.end) } : null);
  };

  return (
    <dialog
      ref={ref}
      className="passage-dialog"
      aria-labelledby={`${id}-h`}
      aria-describedby={`${id}-help`}
      onCancel={(e) => {
        // Escape: the parent closes it.
        e.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <h2 id={`${id}-h`}>{t('proposal.passage.title')}</h2>
          <p id={`${id}-help`}>{t('proposal.passage.help')}</p>
          <label htmlFor={`${id}-text`}>{t('proposal.passage.field', { version })}</label>
          <textarea id={`${id}-text`} ref={field} readOnly rows={8} value={body} onSelect={read} onKeyUp={read} onMouseUp={read} />
          <p role="status" className="passage-chosen">
            {chosen ? t('proposal.selected', { quote: clip(chosen.quote) }) : t('proposal.passage.none')}
          </p>
          <div className="buttons">
            <button type="button" disabled={!chosen} onClick={() => chosen && onChoose(chosen)}>
              {t('proposal.passage.use')}
            </button>
            <button type="button" className="secondary" onClick={onClose}>
              {t('proposal.cancel')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
