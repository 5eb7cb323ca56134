import { useEffect, useId, useRef, useState } from 'react';
import { fieldSpan } from './passage';
import './passage.css';

export interface PassageWords {
  title: string;
  help: string;
  /** The text field's label, e.g. "Text of version 2". */
  field: string;
  none: string;
  /** What is selected, for a quote of it. */
  selected: (quote: string) => string;
  use: string;
  cancel: string;
}

interface Props {
  open: boolean;
  text: string;
  words: PassageWords;
  onChoose: (chosen: { start: number; end: number; quote: string }) => void;
  onClose: () => void;
}

const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * Choosing a passage of a text by keyboard (the passage a comment refers to):
 * the text in a field that takes no edits, where the caret moves with the
 * arrow keys and Shift selects (as in any text field, and read out by screen
 * readers; Chromium moves no caret in a `readonly` one, so the field is
 * `aria-readonly` and refuses every edit itself, with no on-screen keyboard), the
 * words chosen announced as they change, then "Use this passage". The
 * browser's own modal dialog (`<dialog>` with showModal) moves focus in, makes
 * the page behind inert, closes on Escape and gives focus back, for no script
 * library. Offsets are into `text` (fieldSpan maps the field's line breaks back).
 */
export function PassageDialog({ open, text, words, onChoose, onClose }: Props) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const [chosen, setChosen] = useState<{ start: number; end: number; quote: string } | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setChosen(null);
      dialog.showModal();
      // No edit of any kind (typing, deleting, a line break, cut, paste, drop): the text is only to select in.
      const refuse = (e: Event) => e.preventDefault();
      for (const name of ['beforeinput', 'cut', 'paste', 'drop']) field.current?.addEventListener(name, refuse);
      // The text first, with the caret at its start: the arrows begin to read and select at once.
      field.current?.setSelectionRange(0, 0);
      field.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const read = () => {
    const f = field.current;
    if (!f) return;
    const span = fieldSpan(text, f.selectionStart, f.selectionEnd);
    setChosen(span ? { ...span, quote: text.slice(span.start, span.end) } : null);
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
          <h2 id={`${id}-h`}>{words.title}</h2>
          <p id={`${id}-help`}>{words.help}</p>
          <label htmlFor={`${id}-text`}>{words.field}</label>
          <textarea id={`${id}-text`} ref={field} aria-readonly="true" inputMode="none" rows={8} value={text} onChange={() => undefined} onSelect={read} onKeyUp={read} onMouseUp={read} />
          <p role="status" className="passage-chosen">
            {chosen ? words.selected(clip(chosen.quote)) : words.none}
          </p>
          <div className="passage-buttons">
            <button type="button" className="passage-use" disabled={!chosen} onClick={() => chosen && onChoose(chosen)}>
              {words.use}
            </button>
            <button type="button" className="passage-cancel" onClick={onClose}>
              {words.cancel}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
