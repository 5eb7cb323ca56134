import { FormEvent, ReactNode, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { ApiProblem } from '../../api/client';
import { useAT } from './i18n';
import { splitProblem } from './logic';

/**
 * A form's round trip: local checks first, then the request; a problem's
 * errors go to their fields (RFC 9457 `errors`), the rest to an alert; a
 * success is announced in a status region. After a refusal the focus goes to
 * the first field in error.
 */
export function useForm(fieldList: readonly string[]) {
  const t = useAT();
  // The fields as one stable value: callers pass a new array on every render.
  const key = fieldList.join('|');
  const fields = useMemo(() => key.split('|'), [key]);
  const ref = useRef<HTMLFormElement>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<{ text: string; n: number } | null>(null);
  const [done, setDone] = useState<{ text: string; n: number } | null>(null);
  const n = useRef(0);
  const [focusTick, setFocusTick] = useState(0);
  useEffect(() => {
    if (focusTick) ref.current?.querySelector<HTMLElement>('input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"], fieldset[aria-invalid="true"] input')?.focus();
  }, [focusTick]);

  const submit = useCallback(
    async (local: Record<string, string | null | undefined | false>, work: () => Promise<string>) => {
      const found = Object.fromEntries(Object.entries(local).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
      setDone(null);
      if (Object.keys(found).length) {
        setErrors(found);
        setGeneral({ text: t('admin.form.fix'), n: ++n.current });
        setFocusTick((x) => x + 1);
        return false;
      }
      setBusy(true);
      setErrors({});
      setGeneral(null);
      try {
        const text = await work();
        setDone({ text, n: ++n.current });
        return true;
      } catch (e) {
        const p = e instanceof ApiProblem ? e.problem : undefined;
        const split = splitProblem(p, fields, e instanceof Error ? e.message : String(e), t('admin.form.fix'));
        setErrors(split.byField);
        setGeneral(split.general ? { text: split.general, n: ++n.current } : null);
        setFocusTick((x) => x + 1);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [fields, t],
  );
  return { ref, busy, errors, general, done, submit };
}

export type FormState = ReturnType<typeof useForm>;

/** A form with its heading and live regions: the status says what was done, the alert what was refused. */
export function AdminForm({ form, title, onSubmit, children, submitLabel }: { form: FormState; title: string; onSubmit: () => void; children: ReactNode; submitLabel: string }) {
  const t = useAT();
  const id = useId();
  return (
    <form
      ref={form.ref}
      className="a-form"
      aria-labelledby={`${id}-h`}
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (!form.busy) onSubmit();
      }}
    >
      <h3 id={`${id}-h`}>{title}</h3>
      {children}
      <div className="a-actions">
        <button type="submit" className="a-btn a-primary" aria-disabled={form.busy || undefined}>
          {submitLabel}
        </button>
      </div>
      <p role="status" className="a-done">
        {form.busy ? t('admin.form.busy') : form.done ? <span key={form.done.n}>{form.done.text}</span> : null}
      </p>
      <div role="alert" className="a-refused">
        {form.general && !form.busy ? <p key={form.general.n}>{form.general.text}</p> : null}
      </div>
    </form>
  );
}

type Common = { label: string; error?: string; hint?: string; required?: boolean };

/** The ids that tie a control to its hint and error. */
function useDescribed(error?: string, hint?: string) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return { id, described };
}

function Notes({ id, error, hint }: { id: string; error?: string; hint?: string }) {
  return (
    <>
      {hint && (
        <span id={`${id}-hint`} className="a-hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-err`} className="a-error">
          {error}
        </span>
      )}
    </>
  );
}

/** A labelled text, number, date or datetime field, or a text area. */
export function TextField({
  label,
  error,
  hint,
  required,
  value,
  onChange,
  type = 'text',
  multiline,
  inputMode,
  list,
  maxLength,
  autoComplete = 'off',
}: Common & {
  value: string;
  onChange: (v: string) => void;
  type?: 'text' | 'date' | 'datetime-local' | 'email';
  multiline?: boolean;
  inputMode?: 'numeric' | 'text';
  list?: string;
  maxLength?: number;
  autoComplete?: string;
}) {
  const { id, described } = useDescribed(error, hint);
  const props = { id, value, required, 'aria-required': required || undefined, 'aria-invalid': !!error, 'aria-describedby': described, maxLength, onChange: (e: { target: { value: string } }) => onChange(e.target.value) };
  return (
    <div className="a-field">
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea {...props} rows={3} /> : <input {...props} type={type} inputMode={inputMode} list={list} autoComplete={autoComplete} />}
      <Notes id={id} error={error} hint={hint} />
    </div>
  );
}

/** A labelled select. */
export function SelectField({ label, error, hint, required, value, onChange, options, placeholder }: Common & { value: string; onChange: (v: string) => void; options: { value: string; label: string }[]; placeholder?: string }) {
  const { id, described } = useDescribed(error, hint);
  return (
    <div className="a-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} required={required} aria-invalid={!!error} aria-describedby={described} onChange={(e) => onChange(e.target.value)}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Notes id={id} error={error} hint={hint} />
    </div>
  );
}

/** A checkbox with its label. */
export function CheckField({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="a-check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}

/** Several checkboxes under one legend, with the group's error. */
export function CheckGroup({ legend, error, options, values, onChange }: { legend: string; error?: string; options: { value: string; label: string }[]; values: string[]; onChange: (v: string[]) => void }) {
  const { id, described } = useDescribed(error);
  return (
    <fieldset className="a-group" aria-describedby={described} aria-invalid={!!error || undefined}>
      <legend>{legend}</legend>
      <div className="a-checks">
        {options.map((o) => (
          <CheckField key={o.value} label={o.label} checked={values.includes(o.value)} onChange={(on) => onChange(on ? [...values, o.value] : values.filter((v) => v !== o.value))} />
        ))}
      </div>
      <Notes id={id} error={error} />
    </fieldset>
  );
}

/** A section of the page: its h2 names the region. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={`a-${id}`} className="a-section" aria-labelledby={`a-${id}-h`}>
      <h2 id={`a-${id}-h`}>{title}</h2>
      {children}
    </section>
  );
}
