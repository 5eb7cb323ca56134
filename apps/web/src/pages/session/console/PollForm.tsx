import { useId, useState } from 'react';
import type { LiveAgendaItem } from '@kenes/contracts';
import { api, unwrap } from '../../../api/client';
import { useLang } from '../../../i18n/LangProvider';
import { useCT } from './i18n';
import type { ConsoleMessageId } from './i18n';
import { BASES, buildRule, COMPARATORS, DEFAULT_RULE_FORM, METHODS, QUORUM_KINDS, RuleForm, RuleProblem, TIES } from './rule';
import { CommandFeedback } from './Feedback';
import { useCommand } from './useCommand';

type Field = keyof RuleForm;

/**
 * A new poll put to the sitting, on the open item's proposal, with its rule
 * built field by field (POST /sessions/:id/polls; it starts as a draft).
 */
export function PollForm({ sessionId, item, onCreated }: { sessionId: string; item: LiveAgendaItem | null; onCreated: (pollId: string) => void }) {
  const t = useCT();
  const { lang } = useLang();
  const id = useId();
  const { run, busy, feedback } = useCommand();
  const [form, setForm] = useState<RuleForm>(DEFAULT_RULE_FORM);
  const [question, setQuestion] = useState('');
  const [onProposal, setOnProposal] = useState(true);
  const [problems, setProblems] = useState<RuleProblem[]>([]);
  const set = <K extends Field>(k: K, v: RuleForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const problemOf = (f: Field) => problems.find((p) => p.field === f);
  const errId = (f: Field) => `${id}-${f}-err`;
  const suggested = item ? t('console.poll.suggested', { title: item.title }) : '';
  const text = (f: 'thresholdNumerator' | 'thresholdDenominator' | 'quorumCount' | 'quorumNumerator' | 'quorumDenominator', label: ConsoleMessageId) => {
    const p = problemOf(f);
    return (
      <label className="c-field c-inline">
        <span>{t(label)}</span>
        <input inputMode="numeric" size={4} value={form[f]} aria-invalid={!!p} aria-describedby={p ? errId(f) : undefined} onChange={(e) => set(f, e.target.value)} />
        {p && (
          <span id={errId(f)} className="c-error">
            {t(`console.rule.problem.${p.code}` as ConsoleMessageId)}
          </span>
        )}
      </label>
    );
  };
  const select = <K extends 'method' | 'base' | 'comparator' | 'tie'>(k: K, options: readonly RuleForm[K][], label: ConsoleMessageId) => (
    <label className="c-field">
      <span>{t(label)}</span>
      <select value={form[k] as string} onChange={(e) => set(k, e.target.value as RuleForm[K])}>
        {options.map((o) => (
          <option key={o as string} value={o as string}>
            {t(`console.rule.${k}.${o as string}` as ConsoleMessageId)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form
      className="c-pollform"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        const built = buildRule(form);
        setProblems(built.problems);
        if (!built.rule) return;
        const body = { question: question.trim() || suggested, secret: form.secret, rule: built.rule, ...(onProposal && item?.proposalId ? { proposalId: item.proposalId } : {}) };
        void run(t('console.poll.create'), async () => {
          const poll = unwrap(await api.POST('/api/v1/sessions/{sessionId}/polls', { params: { path: { sessionId }, header: { 'accept-language': lang } }, body: body as never }));
          onCreated(poll.id);
          setQuestion('');
          return poll;
        });
      }}
    >
      <h3 id={`${id}-h`}>{t('console.poll.new')}</h3>
      <label className="c-field">
        <span>{t('console.poll.question')}</span>
        <input value={question} placeholder={suggested} maxLength={500} onChange={(e) => setQuestion(e.target.value)} />
      </label>
      {item?.proposalId && (
        <label className="c-check">
          <input type="checkbox" checked={onProposal} onChange={(e) => setOnProposal(e.target.checked)} />
          {t('console.poll.onProposal', { position: item.position })}
        </label>
      )}
      <fieldset>
        <legend>{t('console.rule.title')}</legend>
        {select('method', METHODS, 'console.rule.method')}
        {select('base', BASES, 'console.rule.base')}
        {form.method === 'qualified' && (
          <div className="c-row">
            {text('thresholdNumerator', 'console.rule.numerator')}
            <span aria-hidden="true">/</span>
            {text('thresholdDenominator', 'console.rule.denominator')}
            {select('comparator', COMPARATORS, 'console.rule.comparator')}
          </div>
        )}
        {form.method === 'majority' && select('tie', TIES, 'console.rule.tie')}
        <fieldset className="c-sub">
          <legend>{t('console.rule.quorum')}</legend>
          {QUORUM_KINDS.map((q) => (
            <label key={q} className="c-radio">
              <input type="radio" name={`${id}-quorum`} value={q} checked={form.quorum === q} onChange={() => set('quorum', q)} />
              {t(`console.rule.quorum.${q}` as ConsoleMessageId)}
            </label>
          ))}
          {form.quorum === 'count' && <div className="c-row">{text('quorumCount', 'console.rule.quorumCount')}</div>}
          {form.quorum === 'fraction' && (
            <div className="c-row">
              {text('quorumNumerator', 'console.rule.numerator')}
              <span aria-hidden="true">/</span>
              {text('quorumDenominator', 'console.rule.denominator')}
            </div>
          )}
        </fieldset>
        <label className="c-check">
          <input type="checkbox" checked={form.secret} onChange={(e) => set('secret', e.target.checked)} />
          {t('console.rule.secret')}
        </label>
        <label className="c-check">
          <input type="checkbox" checked={form.secret ? false : form.allowChange} disabled={form.secret} onChange={(e) => set('allowChange', e.target.checked)} />
          {t('console.rule.allowChange')}
        </label>
      </fieldset>
      <button type="submit" className="c-btn c-primary" disabled={!!busy || (!question.trim() && !suggested)}>
        {t('console.poll.create')}
      </button>
      <CommandFeedback feedback={feedback} busy={busy} />
    </form>
  );
}
