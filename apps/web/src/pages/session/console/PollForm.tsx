import { useId, useState } from 'react';
import type { LiveAgendaItem } from '@kenes/contracts';
import { api, unwrap } from '../../../api/client';
import { useLang } from '../../../i18n/LangProvider';
import { useCT } from './i18n';
import { buildRule, DEFAULT_RULE_FORM, RuleForm, RuleProblem } from '../../../rules/rule';
import { RuleFields } from '../../../rules/RuleFields';
import { RuleWords } from '../../../rules/RuleWords';
import { CommandFeedback } from './Feedback';
import { useCommand } from './useCommand';

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
  const preview = buildRule(form).rule;
  const suggested = item ? t('console.poll.suggested', { title: item.title }) : '';
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
      <RuleFields form={form} onChange={setForm} problems={problems} />
      <RuleWords rule={preview} secret={form.secret} eligible={null} exampleSize={null} heading="h4" />
      <button type="submit" className="c-btn c-primary" disabled={!!busy || (!question.trim() && !suggested)}>
        {t('console.poll.create')}
      </button>
      <CommandFeedback feedback={feedback} busy={busy} />
    </form>
  );
}
