import { useId } from 'react';
import { BASES, Base, COMPARATORS, METHODS, QUORUM_KINDS, RuleForm, RuleProblem, TIES } from './rule';
import { RulesIntl, RulesMessageId, useRT } from './i18n';
import './rules.css';

type NumberField = 'thresholdNumerator' | 'thresholdDenominator' | 'quorumCount' | 'quorumNumerator' | 'quorumDenominator';

interface Props {
  form: RuleForm;
  onChange: (form: RuleForm) => void;
  /** The problems of the last try (buildRule's), shown at their field. */
  problems: RuleProblem[];
  /** The bases offered: a group poll has no one "present". */
  bases?: readonly Base[];
}

/**
 * A poll's rule, field by field (SPEC.md, "Tally rules"): method, base,
 * threshold and comparison (qualified), tie (majority), quorum, secrecy and
 * whether a vote may be changed. The console's poll form and a working
 * group's new poll page both use it; the words of the rule stand beside it
 * (RuleWords).
 */
export function RuleFields(props: Props) {
  return (
    <RulesIntl>
      <Fields {...props} />
    </RulesIntl>
  );
}

function Fields({ form, onChange, problems, bases = BASES }: Props) {
  const t = useRT();
  const id = useId();
  const set = <K extends keyof RuleForm>(k: K, v: RuleForm[K]) => onChange({ ...form, [k]: v });
  const problemOf = (f: keyof RuleForm) => problems.find((p) => p.field === f);
  const errId = (f: keyof RuleForm) => `${id}-${f}-err`;
  const text = (f: NumberField, label: RulesMessageId) => {
    const p = problemOf(f);
    return (
      <label className="r-field r-inline">
        <span>{t(label)}</span>
        <input inputMode="numeric" size={4} value={form[f]} aria-invalid={!!p} aria-describedby={p ? errId(f) : undefined} onChange={(e) => set(f, e.target.value)} />
        {p && (
          <span id={errId(f)} className="r-error">
            {t(`rules.problem.${p.code}`)}
          </span>
        )}
      </label>
    );
  };
  // The label stands apart from its select (for=), so that the select's name is the label alone, not the label and the chosen option.
  const select = <K extends 'method' | 'base' | 'comparator' | 'tie'>(k: K, options: readonly RuleForm[K][], label: RulesMessageId) => (
    <div className="r-field">
      <label htmlFor={`${id}-${k}`}>{t(label)}</label>
      <select id={`${id}-${k}`} value={form[k] as string} onChange={(e) => set(k, e.target.value as RuleForm[K])}>
        {options.map((o) => (
          <option key={o as string} value={o as string}>
            {t(`rules.${k}.${o as string}` as RulesMessageId)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <fieldset className="r-fields">
      <legend>{t('rules.title')}</legend>
      {select('method', METHODS, 'rules.method')}
      {select('base', bases, 'rules.base')}
      {form.method === 'qualified' && (
        <div className="r-row">
          {text('thresholdNumerator', 'rules.numerator')}
          <span aria-hidden="true">/</span>
          {text('thresholdDenominator', 'rules.denominator')}
          {select('comparator', COMPARATORS, 'rules.comparator')}
        </div>
      )}
      {form.method === 'majority' && select('tie', TIES, 'rules.tie')}
      <fieldset>
        <legend>{t('rules.quorum')}</legend>
        {QUORUM_KINDS.map((q) => (
          <label key={q} className="r-radio">
            <input type="radio" name={`${id}-quorum`} value={q} checked={form.quorum === q} onChange={() => set('quorum', q)} />
            {t(`rules.quorum.${q}`)}
          </label>
        ))}
        {form.quorum === 'count' && <div className="r-row">{text('quorumCount', 'rules.quorumCount')}</div>}
        {form.quorum === 'fraction' && (
          <div className="r-row">
            {text('quorumNumerator', 'rules.numerator')}
            <span aria-hidden="true">/</span>
            {text('quorumDenominator', 'rules.denominator')}
          </div>
        )}
      </fieldset>
      <label className="r-check">
        <input type="checkbox" checked={form.secret} onChange={(e) => set('secret', e.target.checked)} />
        {t('rules.secret')}
      </label>
      <label className="r-check">
        <input type="checkbox" checked={form.secret ? false : form.allowChange} disabled={form.secret} onChange={(e) => set('allowChange', e.target.checked)} />
        {t('rules.allowChange')}
      </label>
    </fieldset>
  );
}
